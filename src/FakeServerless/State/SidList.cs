namespace FakeServerless.State;

/// <summary>
/// Items of one kind under one parent, kept in creation order and indexed by SID. Paging by token starts
/// at the token's position (binary search on the creation sequence), so later pages never rescan earlier ones.
/// </summary>
internal sealed class SidList<T>
    where T : class
{
    private readonly List<(long Seq, T Item)> _items = [];
    private readonly Dictionary<string, T> _bySid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _seqBySid = new(StringComparer.Ordinal); // keeps deleted SIDs so old tokens still work
    private readonly Func<T, string> _sidOf;
    private long _nextSeq;

    public SidList(Func<T, string> sidOf) => _sidOf = sidOf;

    public int Count => _items.Count;

    public IEnumerable<T> Items => _items.Select(static e => e.Item);

    public IEnumerable<T> NewestFirst
    {
        get
        {
            for (var i = _items.Count - 1; i >= 0; i--)
            {
                yield return _items[i].Item;
            }
        }
    }

    /// <summary>The sequence number the next added item gets.</summary>
    public long NextSequence => _nextSeq;

    /// <summary>The live items with their sequence numbers, in creation order.</summary>
    public IReadOnlyList<(long Seq, T Item)> Entries => _items;

    /// <summary>Deleted SIDs with their sequence numbers (so their page tokens keep working), by sequence.</summary>
    public IEnumerable<KeyValuePair<string, long>> Removed =>
        _seqBySid.Where(e => !_bySid.ContainsKey(e.Key)).OrderBy(static e => e.Value);

    /// <summary>Fills an empty list with exported entries; throws <see cref="ArgumentException"/> when they contradict each other.</summary>
    public void Restore(IReadOnlyList<T> items, IReadOnlyList<long> sequences, IEnumerable<KeyValuePair<string, long>> removed, long nextSequence, string what)
    {
        if (items.Count != sequences.Count)
        {
            throw new ArgumentException($"{what}: {items.Count} items but {sequences.Count} sequence numbers.");
        }

        _items.Capacity = items.Count;
        for (var i = 0; i < items.Count; i++)
        {
            var seq = sequences[i];
            if (seq < 0 || seq >= nextSequence || (i > 0 && seq <= sequences[i - 1]))
            {
                throw new ArgumentException($"{what}: sequence numbers must increase and stay below next_sequence {nextSequence}, but item {i} has {seq}.");
            }

            var sid = _sidOf(items[i]);
            if (!_bySid.TryAdd(sid, items[i]))
            {
                throw new ArgumentException($"{what}: SID {sid} appears twice.");
            }

            _items.Add((seq, items[i]));
            _seqBySid[sid] = seq;
        }

        foreach (var (sid, seq) in removed)
        {
            if (seq < 0 || seq >= nextSequence || !_seqBySid.TryAdd(sid, seq))
            {
                throw new ArgumentException($"{what}: deleted SID {sid} has sequence {seq}, which is out of range or also live.");
            }
        }

        _nextSeq = nextSequence;
    }

    public void Add(T item)
    {
        var sid = _sidOf(item);
        var seq = _nextSeq++;
        _items.Add((seq, item));
        _bySid.Add(sid, item);
        _seqBySid[sid] = seq;
    }

    public bool TryGet(string sid, out T item) => _bySid.TryGetValue(sid, out item!);

    /// <summary>Replaces an item with an updated copy that has the same SID.</summary>
    public void Replace(T item)
    {
        var sid = _sidOf(item);
        var index = IndexOf(_seqBySid[sid]);
        _items[index] = (_items[index].Seq, item);
        _bySid[sid] = item;
    }

    public bool Remove(string sid)
    {
        if (!_bySid.Remove(sid))
        {
            return false;
        }

        _items.RemoveAt(IndexOf(_seqBySid[sid]));
        return true;
    }

    /// <summary>Removes every item for which <paramref name="predicate"/> holds.</summary>
    public void RemoveWhere(Func<T, bool> predicate)
    {
        foreach (var item in _items.Where(e => predicate(e.Item)).Select(e => e.Item).ToList())
        {
            Remove(_sidOf(item));
        }
    }

    public PageSlice<T> Page(PageRequest request, bool newestFirst, Func<T, bool>? filter = null)
    {
        var step = newestFirst ? -1 : 1;
        var result = new List<T>(Math.Min(request.PageSize, _items.Count));
        int start;
        bool hasPrevious;

        if (request.TokenSid is not null && _seqBySid.TryGetValue(request.TokenSid, out var tokenSeq))
        {
            if (request.TokenIsBefore)
            {
                // Walk backwards from the token, then put the page back in list order.
                var back = -step;
                var i = StartFrom(tokenSeq, back);
                var collected = new List<T>();
                for (; InRange(i) && collected.Count < request.PageSize; i += back)
                {
                    if (filter is null || filter(_items[i].Item))
                    {
                        collected.Add(_items[i].Item);
                    }
                }

                collected.Reverse();
                var morePrevious = HasMatch(i, back, filter);
                var tokenOnwards = StartFrom(tokenSeq, back) + step; // the token's place and everything after it
                return new PageSlice<T>(collected, HasMatch(tokenOnwards, step, filter), morePrevious);
            }

            start = StartFrom(tokenSeq, step);
            hasPrevious = request.Page > 0;
        }
        else
        {
            var skip = (long)request.Page * request.PageSize;
            start = newestFirst ? _items.Count - 1 : 0;
            if (filter is null)
            {
                start += (int)Math.Min(skip, _items.Count) * step;
            }
            else
            {
                for (long skipped = 0; InRange(start) && skipped < skip; start += step)
                {
                    if (filter(_items[start].Item))
                    {
                        skipped++;
                    }
                }
            }

            hasPrevious = request.Page > 0;
        }

        var index = start;
        for (; InRange(index) && result.Count < request.PageSize; index += step)
        {
            if (filter is null || filter(_items[index].Item))
            {
                result.Add(_items[index].Item);
            }
        }

        return new PageSlice<T>(result, HasMatch(index, step, filter), hasPrevious);
    }

    private bool InRange(int index) => index >= 0 && index < _items.Count;

    private bool HasMatch(int from, int step, Func<T, bool>? filter)
    {
        for (var i = from; InRange(i); i += step)
        {
            if (filter is null || filter(_items[i].Item))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first index strictly past <paramref name="seq"/> in the direction of <paramref name="step"/>.</summary>
    private int StartFrom(long seq, int step)
    {
        var index = BinarySearch(seq);
        if (index >= 0)
        {
            return index + step;
        }

        var insertion = ~index; // first element with a larger sequence
        return step > 0 ? insertion : insertion - 1;
    }

    private int IndexOf(long seq)
    {
        var index = BinarySearch(seq);
        if (index < 0)
        {
            throw new InvalidOperationException("Item sequence not found.");
        }

        return index;
    }

    private int BinarySearch(long seq)
    {
        int lo = 0, hi = _items.Count - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var value = _items[mid].Seq;
            if (value == seq)
            {
                return mid;
            }

            if (value < seq)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }
}

namespace FakeServerless;

/// <summary>
/// Every request the fake answered, oldest first, capped at <see cref="FakeServerlessOptions.JournalCapacity"/> entries.
/// Thread-safe; cleared by <see cref="FakeServerlessServer.Reset()"/>. The journal of a fake in another process
/// (<see cref="FakeServerlessServer.Connect"/>) reads <c>GET /_fake/journal</c> each time its entries are asked for.
/// </summary>
/// <remarks>
/// Recording is lock-free, because every request records: one <see cref="Interlocked.Increment(ref long)"/> hands out the entry's
/// sequence number (which orders the journal and numbers <c>Twilio-Request-Id</c>), and the entry goes into slot
/// <c>sequence % capacity</c> of a ring. Readers walk the last <c>capacity</c> sequence numbers in order and keep the slots that
/// still hold them. The ring's slots are allocated in chunks on first use, so a large capacity costs nothing until it fills.
/// </remarks>
public sealed class RequestJournal
{
    /// <summary>The <see cref="JournalEntry.Operation"/> of a request no route matched.</summary>
    public const string UnmatchedOperation = ServerlessOperation.Unmatched;

    // Slots come in chunks of at least 1,024, and a capacity needs at most 4,096 chunks: a huge capacity (int.MaxValue as
    // "keep everything") costs a 32 KB directory up front, and chunks only as the journal fills.
    private const int MinChunkBits = 10;
    private const int MaxChunks = 4096;

    // What a reader sees for a chunk never written: always null (only read, never written).
    private static readonly Slot?[] Unwritten = new Slot?[1];

    private readonly int _capacity;
    private readonly int _chunkBits;
    private readonly Slot?[]?[] _chunks;
    private readonly Journal.IRemoteJournal? _remote;
    private readonly string? _owner;
    private long _lastSequence;
    private long _clearedThrough;

    /// <summary>The journal of a remote fake: of every account, or of <paramref name="owner"/> (its requests and its domains').</summary>
    internal RequestJournal(Journal.IRemoteJournal remote, string? owner)
    {
        _remote = remote;
        _owner = owner;
        _capacity = 1;
        _chunks = [];
    }

    internal RequestJournal(int capacity)
    {
        _capacity = Math.Max(1, capacity);
        _chunkBits = MinChunkBits;
        while (((long)_capacity + (1L << _chunkBits) - 1) >> _chunkBits > MaxChunks)
        {
            _chunkBits++;
        }

        _chunks = new Slot?[]?[(int)(((long)_capacity + (1L << _chunkBits) - 1) >> _chunkBits)];
    }

    /// <summary>A snapshot of the entries, oldest first.</summary>
    public IReadOnlyList<JournalEntry> Entries
    {
        get
        {
            if (_remote is not null)
            {
                return _remote.Journal(_owner);
            }

            var last = Volatile.Read(ref _lastSequence);
            var first = Math.Max(Volatile.Read(ref _clearedThrough), last - _capacity) + 1;
            var entries = new List<JournalEntry>((int)Math.Min(last - first + 1, 1024));
            for (var sequence = first; sequence <= last; sequence++)
            {
                if (Volatile.Read(ref SlotFor(sequence, allocate: false)) is { Entry: { } entry } slot && slot.Sequence == sequence)
                {
                    entries.Add(entry);
                }
            }

            return entries;
        }
    }

    /// <summary>
    /// The entries, oldest first, as <see cref="Entries"/> reads them, without blocking a thread on a remote fake's answer (in
    /// process it is <see cref="Entries"/>, already complete).
    /// </summary>
    public Task<IReadOnlyList<JournalEntry>> GetEntriesAsync(CancellationToken cancellationToken = default) =>
        _remote is null ? Task.FromResult(Entries) : _remote.JournalAsync(_owner, cancellationToken);

    /// <summary>The requests no route matched.</summary>
    public IReadOnlyList<JournalEntry> Unmatched => Entries.Where(e => e.IsUnmatched).ToArray();

    /// <summary>The requests answered with an error or dropped.</summary>
    public IReadOnlyList<JournalEntry> Failed => Entries.Where(e => e.IsFailure).ToArray();

    /// <summary>The entries of one operation (one of <see cref="ServerlessOperation"/>, e.g. <see cref="ServerlessOperation.CreateDeployment"/>), oldest first.</summary>
    /// <exception cref="ArgumentException"><paramref name="operation"/> is not an id of <see cref="ServerlessOperation"/>; the message names the closest.</exception>
    public IReadOnlyList<JournalEntry> OfOperation(string operation)
    {
        ServerlessOperation.ThrowIfUnknown(operation);
        return Entries.Where(e => string.Equals(e.Operation, operation, StringComparison.Ordinal)).ToArray();
    }

    /// <summary>The entries of one account, oldest first.</summary>
    public IReadOnlyList<JournalEntry> OfAccount(string accountSid) =>
        Entries.Where(e => string.Equals(e.AccountSid, accountSid, StringComparison.Ordinal)).ToArray();

    /// <summary>Raised after each entry is recorded (on the thread that served the request); never for a remote fake's journal.</summary>
    public event Action<JournalEntry>? EntryAdded;

    /// <summary>Forgets every entry (a remote journal scoped to an account: that account's).</summary>
    public void Clear()
    {
        if (_remote is not null)
        {
            _remote.ClearJournal(_owner);
            return;
        }

        // Everything numbered so far is hidden, including a request still being answered: it began before the clear.
        var last = Volatile.Read(ref _lastSequence);
        var cleared = Volatile.Read(ref _clearedThrough);
        while (cleared < last && Interlocked.CompareExchange(ref _clearedThrough, last, cleared) is var seen && seen != cleared)
        {
            cleared = seen;
        }
    }

    /// <summary>Numbers the next entry: the journal's order, and the <c>Twilio-Request-Id</c> of the request it records.</summary>
    internal long NextSequence() => Interlocked.Increment(ref _lastSequence);

    /// <summary>Forgets the entries of one account.</summary>
    internal void Forget(string accountSid)
    {
        var last = Volatile.Read(ref _lastSequence);
        for (var sequence = Math.Max(1, last - _capacity + 1); sequence <= last; sequence++)
        {
            ref var slot = ref SlotFor(sequence, allocate: false);
            if (Volatile.Read(ref slot) is { Entry: { } entry } current && current.Sequence == sequence
                && string.Equals(entry.AccountSid, accountSid, StringComparison.Ordinal))
            {
                // Keeps the sequence number, so a slower writer of an older entry still cannot take the slot back.
                Interlocked.CompareExchange(ref slot, new Slot(sequence, null), current);
            }
        }
    }

    internal void Add(JournalEntry entry) => Add(entry, NextSequence());

    /// <summary>Records <paramref name="entry"/> under a number from <see cref="NextSequence"/>.</summary>
    internal void Add(JournalEntry entry, long sequence)
    {
        var stamped = new Slot(sequence, entry);
        ref var slot = ref SlotFor(sequence, allocate: true);
        var current = Volatile.Read(ref slot);

        // A writer a whole lap behind (capacity requests overtook it) must not overwrite a newer entry.
        while (current is null || current.Sequence < sequence)
        {
            var seen = Interlocked.CompareExchange(ref slot, stamped, current);
            if (ReferenceEquals(seen, current))
            {
                break;
            }

            current = seen;
        }

        EntryAdded?.Invoke(entry);
    }

    private ref Slot? SlotFor(long sequence, bool allocate)
    {
        var index = (int)(sequence % _capacity);
        var chunkIndex = index >> _chunkBits;
        var chunk = Volatile.Read(ref _chunks[chunkIndex]);
        if (chunk is null)
        {
            if (!allocate)
            {
                return ref Unwritten[0];
            }

            var size = (int)Math.Min(1L << _chunkBits, _capacity - ((long)chunkIndex << _chunkBits));
            chunk = Interlocked.CompareExchange(ref _chunks[chunkIndex], new Slot?[size], null) ?? _chunks[chunkIndex]!;
        }

        return ref chunk[index & ((1 << _chunkBits) - 1)];
    }

    private sealed record Slot(long Sequence, JournalEntry? Entry);
}

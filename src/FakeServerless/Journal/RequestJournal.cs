namespace FakeServerless;

/// <summary>
/// Every request the fake answered, oldest first, capped at <see cref="FakeServerlessOptions.JournalCapacity"/> entries.
/// Thread-safe; cleared by <see cref="FakeServerlessServer.Reset"/>.
/// </summary>
public sealed class RequestJournal
{
    /// <summary>The <see cref="JournalEntry.Operation"/> of a request no route matched.</summary>
    public const string UnmatchedOperation = "Unmatched";

    private readonly Lock _gate = new();
    private readonly Queue<JournalEntry> _entries = new();
    private readonly int _capacity;

    internal RequestJournal(int capacity) => _capacity = Math.Max(1, capacity);

    /// <summary>A snapshot of the entries, oldest first.</summary>
    public IReadOnlyList<JournalEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return _entries.ToArray();
            }
        }
    }

    /// <summary>The requests no route matched.</summary>
    public IReadOnlyList<JournalEntry> Unmatched => Entries.Where(e => e.IsUnmatched).ToArray();

    /// <summary>The requests answered with an error or dropped.</summary>
    public IReadOnlyList<JournalEntry> Failed => Entries.Where(e => e.IsFailure).ToArray();

    /// <summary>The entries of one operation (e.g. <c>CreateDeployment</c>), oldest first.</summary>
    public IReadOnlyList<JournalEntry> OfOperation(string operation) =>
        Entries.Where(e => string.Equals(e.Operation, operation, StringComparison.Ordinal)).ToArray();

    /// <summary>The entries of one account, oldest first.</summary>
    public IReadOnlyList<JournalEntry> OfAccount(string accountSid) =>
        Entries.Where(e => string.Equals(e.AccountSid, accountSid, StringComparison.Ordinal)).ToArray();

    /// <summary>Raised after each entry is recorded (on the thread that served the request).</summary>
    public event Action<JournalEntry>? EntryAdded;

    /// <summary>Forgets every entry.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    /// <summary>Forgets the entries of one account.</summary>
    internal void Forget(string accountSid)
    {
        lock (_gate)
        {
            var kept = _entries.Where(e => !string.Equals(e.AccountSid, accountSid, StringComparison.Ordinal)).ToArray();
            _entries.Clear();
            foreach (var entry in kept)
            {
                _entries.Enqueue(entry);
            }
        }
    }

    internal void Add(JournalEntry entry)
    {
        lock (_gate)
        {
            _entries.Enqueue(entry);
            while (_entries.Count > _capacity)
            {
                _entries.Dequeue();
            }
        }

        EntryAdded?.Invoke(entry);
    }
}

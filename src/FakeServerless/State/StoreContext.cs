namespace FakeServerless.State;

/// <summary>What every account's state shares: the clock, the SID generator, the options and the domain registry.</summary>
internal sealed class StoreContext(FakeServerlessOptions options)
{
    private int _pendingFailures;
    private long _mutations;

    public FakeServerlessOptions Options { get; } = options;

    public SidGenerator Sids { get; } = new(options.Seed);

    public DomainRegistry Domains { get; } = new();

    /// <summary>Now on the configured clock, to the whole second (Twilio dates carry no fractions).</summary>
    public DateTimeOffset Now
    {
        get
        {
            var now = Options.TimeProvider.GetUtcNow();
            return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        }
    }

    /// <summary>
    /// Goes up on every change of any account's state (a SID drawn, a record added, changed or removed, a build poll counted,
    /// a pending failure set or taken) and never goes down, not even on <see cref="Reset"/>. Durable mode compares it before and
    /// after a request to know whether the request must be written to the data directory.
    /// </summary>
    public long MutationCount => Interlocked.Read(ref _mutations);

    /// <summary>Records that state changed (see <see cref="MutationCount"/>).</summary>
    public void Mutated() => Interlocked.Increment(ref _mutations);

    /// <summary>Makes the next <paramref name="count"/> builds (in any account) fail instead of completing.</summary>
    public void FailNextBuilds(int count)
    {
        Interlocked.Add(ref _pendingFailures, count);
        Mutated();
    }

    /// <summary>Takes one pending failure, if any.</summary>
    public bool TakePendingFailure()
    {
        while (true)
        {
            var current = Volatile.Read(ref _pendingFailures);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _pendingFailures, current - 1, current) == current)
            {
                Mutated();
                return true;
            }
        }
    }

    public void Reset()
    {
        Mutated();
        Interlocked.Exchange(ref _pendingFailures, 0);
        Sids.Reset();
        Domains.Clear();
    }
}

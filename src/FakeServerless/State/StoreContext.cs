using System.Collections.Concurrent;

namespace FakeServerless.State;

/// <summary>
/// The whole state of one fake: every account, the SID generator, the domain registry, the API keys and the pending build failures.
/// A reset replaces it with a fresh one. Only <see cref="ServerlessBackend"/> holds it.
/// </summary>
internal sealed class StoreContext(StateSettings settings, BuildGateSlot buildGate)
{
    private int _pendingFailures;

    public StateSettings Settings { get; } = settings;

    /// <summary>Work new builds wait on before they finish (Node mode's installs and checks); shared across resets.</summary>
    public BuildGateSlot BuildGate { get; } = buildGate;

    public ConcurrentDictionary<string, AccountState> Accounts { get; } = new(StringComparer.Ordinal);

    public SidGenerator Sids { get; } = new(settings.Seed);

    public DomainRegistry Domains { get; } = new();

    /// <summary>The API keys (<c>SK…</c>) and the accounts they act on.</summary>
    public ApiKeyStore Keys { get; } = new();

    /// <summary>How many random draws a new domain base gets before the deterministic scan (tests lower it).</summary>
    public int DomainBaseTries { get; set; } = 64;

    /// <summary>Now on the configured clock, to the whole second (Twilio dates carry no fractions).</summary>
    public DateTimeOffset Now
    {
        get
        {
            var now = Settings.TimeProvider.GetUtcNow();
            return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        }
    }

    public int PendingFailures
    {
        get => Volatile.Read(ref _pendingFailures);
        set => Volatile.Write(ref _pendingFailures, value);
    }

    /// <summary>The account, created by this call when it has no state yet: only a write calls it.</summary>
    public AccountState AccountToWrite(string accountSid) => Accounts.GetOrAdd(accountSid, static (sid, context) => new AccountState(sid, context), this);

    /// <summary>
    /// The account to read: an account with no state reads as a fresh, empty one that is not added to the state, so a read
    /// never creates an account (it is created by its first write).
    /// </summary>
    public AccountState AccountToRead(string accountSid) =>
        Accounts.TryGetValue(accountSid, out var account) ? account : new AccountState(accountSid, this);

    /// <summary>Makes the next <paramref name="count"/> builds (in any account) fail instead of completing.</summary>
    public void FailNextBuilds(int count) => Interlocked.Add(ref _pendingFailures, count);

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
                return true;
            }
        }
    }
}

namespace FakeServerless.State;

/// <summary>
/// The only owner of the fake's state (the shape of moto's <c>models</c>): every account, the SID generator, the domain
/// registry and the pending build failures. Its methods take identifiers, resolve and validate them, take the account's lock
/// themselves (the one place a lock on state is taken), apply the rules and return immutable records. Operations, the account
/// facade, the domain server, scopes and reset all call it; none of them sees a node. Split by concern into partial files.
/// </summary>
internal sealed partial class ServerlessBackend
{
    private volatile StoreContext _state;

    /// <param name="settings">Taken from the fake's private copy of its options at start; the backend never sees later changes to the caller's options.</param>
    /// <exception cref="ArgumentException"><see cref="StateSettings.DefaultRuntime"/> is not a runtime Twilio accepts.</exception>
    public ServerlessBackend(StateSettings settings)
    {
        BuildRuntimes.ThrowIfUnsupported(settings.DefaultRuntime, "DefaultRuntime");
        Settings = settings;
        _state = new StoreContext(settings, BuildGate);
    }

    /// <summary>What the state reads of the options.</summary>
    public StateSettings Settings { get; }

    /// <summary>Work new builds wait on (Node mode); empty by default.</summary>
    public BuildGateSlot BuildGate { get; } = new();

    /// <summary>Now on the configured clock, to the whole second.</summary>
    public DateTimeOffset Now => _state.Now;

    /// <summary>The SIDs of every account that has state, in no particular order.</summary>
    public IReadOnlyList<string> AccountSids => [.. _state.Accounts.Keys];

    /// <summary>How many random draws a new domain base gets before the deterministic scan.</summary>
    public int DomainBaseTries
    {
        get => _state.DomainBaseTries;
        set => _state.DomainBaseTries = value;
    }

    /// <summary>
    /// Forgets every account and starts SIDs again from the seed: a fresh state object. The API keys go too, and stay refused: the
    /// new state knows their SIDs as revoked before anyone sees it.
    /// </summary>
    public void Reset()
    {
        var fresh = new StoreContext(Settings, BuildGate) { DomainBaseTries = _state.DomainBaseTries };
        fresh.Keys.Revoke(_state.Keys.KnownSids);
        _state = fresh;
    }

    /// <summary>Makes the next <paramref name="count"/> builds (in any account) fail instead of completing.</summary>
    public void FailNextBuilds(int count) => _state.FailNextBuilds(count);

    /// <summary>Drops one account's state: its services go, their domains stop answering, their domain bases are freed, its API keys go.</summary>
    public void Forget(string accountSid)
    {
        _state.Keys.Forget(accountSid);
        if (!_state.Accounts.TryRemove(accountSid, out var account))
        {
            return;
        }

        lock (account.Gate)
        {
            foreach (var serviceSid in account.Services.Items.Select(s => s.Record.Sid).ToList())
            {
                account.DeleteService(serviceSid);
            }
        }
    }

    /// <summary>The account whose environment owns <paramref name="host"/>, if any.</summary>
    public string? DomainOwner(string host) => _state.Domains.TryFind(host, out var entry) ? entry.AccountSid : null;

    /// <summary>The account and service of the environment <paramref name="environmentSid"/> (in any account), if it exists.</summary>
    public DomainEntry? FindEnvironment(string environmentSid) =>
        _state.Domains.Domains.FirstOrDefault(d => d.Value.EnvironmentSid == environmentSid).Value;

    /// <summary>
    /// A consistent picture of everything one account holds, its builds brought up to date. A build that this look would move on
    /// (see <see cref="BuildNode.Refresh"/>) throws <see cref="StateChangeNeededException"/> unless <paramref name="mayChange"/>.
    /// </summary>
    public ServerlessSnapshot Snapshot(string accountSid, bool mayChange) => Reading(accountSid, account =>
    {
        var now = account.Context.Now;
        var services = account.Services.Items.ToList();
        var environments = services.SelectMany(s => s.Environments.Items).ToList();
        return new ServerlessSnapshot
        {
            AccountSid = accountSid,
            Services = services.Select(s => s.Record).ToArray(),
            Environments = environments.Select(e => e.Record).ToArray(),
            Variables = environments.SelectMany(e => e.Variables.Items).ToArray(),
            // OrderByDescending is stable, so deployments made in the same second keep their newest-first order.
            Deployments = environments.SelectMany(e => e.Deployments.NewestFirst).OrderByDescending(d => d.DateCreated).ToArray(),
            Logs = environments.SelectMany(e => e.Logs.NewestFirst).OrderByDescending(l => l.DateCreated).ToArray(),
            Functions = services.SelectMany(s => s.Functions.Items).Select(f => f.Record).ToArray(),
            FunctionVersions = services.SelectMany(s => s.Functions.Items).SelectMany(f => f.Versions.NewestFirst).OrderByDescending(v => v.DateCreated).ToArray(),
            Assets = services.SelectMany(s => s.Assets.Items).Select(a => a.Record).ToArray(),
            AssetVersions = services.SelectMany(s => s.Assets.Items).SelectMany(a => a.Versions.NewestFirst).OrderByDescending(v => v.DateCreated).ToArray(),
            Builds = services.SelectMany(s => s.Builds.NewestFirst).Select(b => b.Refresh(now, isPoll: false, mayChange)).OrderByDescending(b => b.DateCreated).ToArray(),
        };
    });

    /// <summary>Runs <paramref name="read"/> on the account under its lock; an account with no state reads as empty and is not created.</summary>
    private T Reading<T>(string accountSid, Func<AccountState, T> read)
    {
        var account = _state.AccountToRead(accountSid);
        lock (account.Gate)
        {
            return read(account);
        }
    }

    /// <summary>Runs <paramref name="write"/> on the account under its lock, creating the account when this is its first write.</summary>
    private T Writing<T>(string accountSid, Func<AccountState, T> write)
    {
        var account = _state.AccountToWrite(accountSid);
        lock (account.Gate)
        {
            return write(account);
        }
    }

    private static PageSlice<TRecord> Page<TItem, TRecord>(
        SidList<TItem> list, PageRequest request, bool newestFirst, Func<TItem, TRecord> recordOf, Func<TItem, bool>? filter = null)
        where TItem : class
    {
        var slice = list.Page(request, newestFirst, filter);
        return new PageSlice<TRecord>(slice.Items.Select(recordOf).ToList(), slice.HasNext, slice.HasPrevious);
    }
}

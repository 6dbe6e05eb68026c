
namespace FakeServerless.State;

/// <summary>The whole state out as plain data, and back in.</summary>
internal sealed partial class ServerlessBackend
{
    /// <summary>
    /// Every account (each read under its lock, all locks held together so the picture is consistent), the SID generator's
    /// position, the pending build failures, the domain registry and the API keys.
    /// </summary>
    public FakeServerlessState Export()
    {
        var state = _state;
        var accounts = state.Accounts.Values.OrderBy(static a => a.AccountSid, StringComparer.Ordinal).ToList();
        foreach (var account in accounts)
        {
            account.Gate.Enter(); // in SID order; nothing else holds two account locks, so this cannot deadlock
        }

        try
        {
            return new FakeServerlessState
            {
                Version = FakeServerlessState.CurrentVersion,
                SidGeneratorPosition = state.Sids.Position,
                PendingBuildFailures = state.PendingFailures,
                Accounts = accounts.Select(static a => new ExportedAccount { AccountSid = a.AccountSid, Services = ExportList(a.Services, ExportService) }).ToList(),
                DomainBases = state.Domains.Bases.Order(StringComparer.Ordinal).ToList(),
                Domains = state.Domains.Domains.OrderBy(static d => d.Key, StringComparer.Ordinal).Select(static d => new ExportedDomain
                {
                    DomainName = d.Key, AccountSid = d.Value.AccountSid, ServiceSid = d.Value.ServiceSid, EnvironmentSid = d.Value.EnvironmentSid,
                }).ToList(),
                ApiKeys = state.Keys.All,
                RevokedApiKeys = state.Keys.Revoked,
                VirtualClockTime = VirtualClock.Of(Settings.TimeProvider)?.GetUtcNow(),
            };
        }
        finally
        {
            foreach (var account in accounts)
            {
                account.Gate.Exit();
            }
        }
    }

    /// <summary>
    /// Replaces the whole state with <paramref name="export"/>, checked whole first (<see cref="StateValidator"/>): on a
    /// <see cref="Snapshots.StateValidationException"/> (an <see cref="ArgumentException"/> naming the bad value's path) nothing changes.
    /// The keys of the replaced state that the new one does not hold are revoked, as a reset revokes them.
    /// </summary>
    /// <param name="export">The state.</param>
    /// <param name="beforePublish">
    /// Runs once the new state is built and checked, before it replaces the current one: durable mode writes it to disk there, so
    /// readers never see a state that is not durable. If it throws, nothing changes.
    /// </param>
    public void Import(FakeServerlessState export, Action? beforePublish = null)
    {
        StateValidator.Validate(export);
        var state = new StoreContext(Settings, BuildGate) { DomainBaseTries = _state.DomainBaseTries };
        Restore(export, state); // a validated state restores whole; an exception here is a bug, not bad input
        state.Keys.Revoke(_state.Keys.KnownSids);
        beforePublish?.Invoke();
        _state = state;
        if (export.VirtualClockTime is { } time && VirtualClock.Of(Settings.TimeProvider) is { } clock)
        {
            clock.Restore(time);
        }
    }

    private static ExportedList<TOut> ExportList<TItem, TOut>(SidList<TItem> list, Func<TItem, TOut> map)
        where TItem : class
    {
        var entries = list.Entries;
        var items = new TOut[entries.Count];
        var sequences = new long[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            sequences[i] = entries[i].Seq;
            items[i] = map(entries[i].Item);
        }

        return new ExportedList<TOut>
        {
            Items = items,
            Sequences = sequences,
            Removed = list.Removed.ToDictionary(StringComparer.Ordinal),
            NextSequence = list.NextSequence,
        };
    }

    private static ExportedService ExportService(ServiceNode s) => new()
    {
        Service = s.Record,
        Environments = ExportList(s.Environments, static e => new ExportedEnvironment
        {
            Environment = e.Record,
            Variables = ExportList(e.Variables, Same),
            Deployments = ExportList(e.Deployments, Same),
            Logs = ExportList(e.Logs, Same),
        }),
        Functions = ExportList(s.Functions, static f => new ExportedFunction { Function = f.Record, Versions = ExportList(f.Versions, Same) }),
        Assets = ExportList(s.Assets, static a => new ExportedAsset { Asset = a.Record, Versions = ExportList(a.Versions, Same) }),
        Builds = ExportList(s.Builds, static b => new ExportedBuild
        {
            Build = b.Record,
            Reads = b.Reads,
            Outcome = b.Outcome,
            CompletionMode = b.Completion.Mode,
            CompletionPolls = b.Completion.Polls,
            CompletionDelay = b.Completion.Delay,
        }),
    };

    private static T Same<T>(T item) => item;

    private static void Restore(FakeServerlessState export, StoreContext state)
    {
        Check(export.PendingBuildFailures >= 0, "pending_build_failures must not be negative.");
        state.Sids.Position = export.SidGeneratorPosition;
        state.PendingFailures = export.PendingBuildFailures;
        var expectedDomains = new Dictionary<string, DomainEntry>(StringComparer.OrdinalIgnoreCase);
        var expectedBases = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        foreach (var exported in export.Accounts)
        {
            var sid = exported.AccountSid;
            var account = new AccountState(sid, state);
            Check(state.Accounts.TryAdd(sid, account), $"account {sid} appears twice.");
            RestoreList(account.Services, exported.Services, $"account {sid} services", s =>
            {
                Check(s.Service.AccountSid == sid, $"service {s.Service.Sid} names account {s.Service.AccountSid}, but is listed under {sid}.");
                Check(expectedBases.Add(s.Service.DomainBase), $"domain base {s.Service.DomainBase} is used by two services.");
                var node = new ServiceNode(s.Service);
                RestoreList(node.Environments, s.Environments, $"service {s.Service.Sid} environments", e =>
                {
                    Check(e.Environment.ServiceSid == s.Service.Sid && e.Environment.AccountSid == sid, $"environment {e.Environment.Sid} is listed under the wrong service.");
                    Check(expectedDomains.TryAdd(e.Environment.DomainName, new DomainEntry(sid, s.Service.Sid, e.Environment.Sid)), $"domain {e.Environment.DomainName} is used by two environments.");
                    var environment = new EnvironmentNode(e.Environment);
                    RestoreList(environment.Variables, e.Variables, $"environment {e.Environment.Sid} variables", Same);
                    RestoreList(environment.Deployments, e.Deployments, $"environment {e.Environment.Sid} deployments", Same);
                    RestoreList(environment.Logs, e.Logs, $"environment {e.Environment.Sid} logs", Same);
                    return environment;
                });
                RestoreCode(CodeKinds.Function, node, s.Functions, static f => (f.Function, f.Versions));
                RestoreCode(CodeKinds.Asset, node, s.Assets, static a => (a.Asset, a.Versions));
                RestoreList(node.Builds, s.Builds, $"service {s.Service.Sid} builds", b =>
                    new BuildNode(b.Build, BuildCompletion.From(b.CompletionMode, b.CompletionPolls, b.CompletionDelay), b.Outcome, state.BuildGate, b.Reads));
                return node;
            });
        }

        Check(expectedBases.SetEquals(export.DomainBases), "domain_bases do not match the services' domain_base values.");
        Check(
            export.Domains.Count == expectedDomains.Count && export.Domains.All(d =>
                expectedDomains.TryGetValue(d.DomainName, out var entry) && entry == new DomainEntry(d.AccountSid, d.ServiceSid, d.EnvironmentSid)),
            "domains do not match the environments' domain_name values.");
        foreach (var domainBase in expectedBases)
        {
            state.Domains.TryReserveBase(domainBase);
        }

        foreach (var (name, entry) in expectedDomains)
        {
            state.Domains.TryRegister(name, entry);
        }

        foreach (var key in export.ApiKeys ?? [])
        {
            state.Keys.Restore(key);
        }

        state.Keys.Revoke(export.RevokedApiKeys ?? []);
    }

    private static void RestoreCode<TRecord, TVersion, TExported>(
        CodeKind<TRecord, TVersion> kind, ServiceNode service, ExportedList<TExported> exported, Func<TExported, (TRecord Record, ExportedList<TVersion> Versions)> parts)
        where TRecord : class
        where TVersion : class =>
        RestoreList(kind.ListOf(service), exported, $"service {service.Record.Sid} {kind.Name.ToLowerInvariant()}s", item =>
        {
            var (record, versions) = parts(item);
            var node = new CodeNode<TRecord, TVersion>(record, kind.VersionSid);
            RestoreList(node.Versions, versions, $"{kind.Name.ToLowerInvariant()} {kind.Sid(record)} versions", Same);
            return node;
        });

    private static void RestoreList<TItem, TExported>(SidList<TItem> list, ExportedList<TExported> exported, string what, Func<TExported, TItem> map)
        where TItem : class =>
        list.Restore(exported.Items.Select(map).ToList(), exported.Sequences, exported.Removed, exported.NextSequence, what);

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"The state is inconsistent: {message}");
        }
    }
}

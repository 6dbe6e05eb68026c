namespace FakeServerless.State;

/// <summary>What environment domains serve, and the logs their functions write.</summary>
internal sealed partial class ServerlessBackend
{
    private static readonly IReadOnlyDictionary<string, string> NoVariables = new Dictionary<string, string>();

    /// <summary>What <paramref name="host"/> serves at <paramref name="path"/>; null when no environment with a live build owns the host.</summary>
    public DomainTarget? ResolveDomain(string host, string path)
    {
        if (!_state.Domains.TryFind(host, out var entry) || !_state.Accounts.TryGetValue(entry.AccountSid, out var account))
        {
            return null;
        }

        lock (account.Gate)
        {
            if (!account.Services.TryGet(entry.ServiceSid, out var service) ||
                !service.Environments.TryGet(entry.EnvironmentSid, out var environment) ||
                environment.Record.BuildSid is not { } buildSid ||
                !service.Builds.TryGet(buildSid, out var node))
            {
                return null;
            }

            var build = node.Record;
            var function = build.FunctionVersions.FirstOrDefault(f => f.Path == path);
            var asset = build.AssetVersions.FirstOrDefault(a => a.Path == path)
                ?? (path == "/" ? build.AssetVersions.FirstOrDefault(a => a.Path == "/index.html") : null);
            var variables = function is null
                ? NoVariables
                : environment.Variables.Items.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
            return new DomainTarget(entry, function, asset, variables, build, service.Record.IncludeCredentials);
        }
    }

    /// <summary>Every environment that has a live build, across accounts, with the build and what a function there sees (Node mode's processes follow it).</summary>
    public IReadOnlyList<LiveBuild> LiveBuilds()
    {
        var live = new List<LiveBuild>();
        foreach (var (domain, entry) in _state.Domains.Domains)
        {
            if (!_state.Accounts.TryGetValue(entry.AccountSid, out var account))
            {
                continue;
            }

            lock (account.Gate)
            {
                if (account.Services.TryGet(entry.ServiceSid, out var service) &&
                    service.Environments.TryGet(entry.EnvironmentSid, out var environment) &&
                    environment.Record.BuildSid is { } buildSid &&
                    service.Builds.TryGet(buildSid, out var build))
                {
                    live.Add(new LiveBuild(entry, domain, build.Record, environment.Variables.Items.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal), service.Record.IncludeCredentials));
                }
            }
        }

        return live;
    }

    /// <summary>A new request SID (<c>RQ…</c>) of the account owning <paramref name="entry"/>, for the log records of one function invocation.</summary>
    public string NextRequestSid(DomainEntry entry) => Writing(entry.AccountSid, a => a.Context.Sids.Next(SidPrefix.Request));

    /// <summary>Writes log lines of function invocations, in order; lines of an environment that went meanwhile are dropped.</summary>
    public void WriteFunctionLogs(DomainEntry entry, IReadOnlyList<FunctionLogLine> lines)
    {
        if (lines.Count == 0 || !_state.Accounts.TryGetValue(entry.AccountSid, out var account))
        {
            return;
        }

        lock (account.Gate)
        {
            if (account.Services.TryGet(entry.ServiceSid, out var service) && service.Environments.TryGet(entry.EnvironmentSid, out var environment))
            {
                foreach (var line in lines)
                {
                    account.AppendLog(environment, line.Level, line.Message, line.FunctionSid, line.RequestSid);
                }
            }
        }
    }

    /// <summary>Writes what a function printed as log records of one request; nothing when the environment went meanwhile.</summary>
    public void WriteFunctionLogs(DomainEntry entry, string functionSid, IReadOnlyList<(string Level, string Message)> lines)
    {
        if (lines.Count == 0 || !_state.Accounts.TryGetValue(entry.AccountSid, out var account))
        {
            return;
        }

        lock (account.Gate)
        {
            if (!account.Services.TryGet(entry.ServiceSid, out var service) || !service.Environments.TryGet(entry.EnvironmentSid, out var environment))
            {
                return; // deleted while the handler ran
            }

            var requestSid = account.Context.Sids.Next(SidPrefix.Request);
            foreach (var (level, message) in lines)
            {
                account.AppendLog(environment, level, message, functionSid, requestSid);
            }
        }
    }
}

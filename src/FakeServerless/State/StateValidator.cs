using System.Globalization;
using System.Runtime.CompilerServices;
using FakeServerless.Messages;
using FakeServerless.Snapshots;
using FakeServerless.State;

namespace FakeServerless.State;

/// <summary>
/// Checks a whole <see cref="FakeServerlessState"/> before an import changes anything: every SID well-formed and unique across the
/// state, every reference resolvable within its account and service, enums in range, counters and durations within what the
/// engine can advance, and no null where the engine needs a value. The first bad value throws a
/// <see cref="StateValidationException"/> naming its JSON path, so an accepted state never answers a later request with a 500.
/// Paths and messages are built only for the value that fails (a large state has hundreds of thousands of records).
/// </summary>
internal sealed class StateValidator
{
    /// <summary>
    /// The largest <c>next_sequence</c> of a list: far beyond any number of creates, and far enough below <see cref="long.MaxValue"/>
    /// that adding items never overflows (also the largest integer a JavaScript reader of the export keeps exact).
    /// </summary>
    public const long MaxSequence = 1L << 53;

    private readonly HashSet<string> _sids = new(StringComparer.Ordinal);
    private readonly HashSet<string> _domainBases = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DomainEntry> _domains = new(StringComparer.OrdinalIgnoreCase);

    /// <exception cref="StateValidationException">The first value that is wrong.</exception>
    public static void Validate(FakeServerlessState? state) => new StateValidator().Run(state);

    private void Run(FakeServerlessState? state)
    {
        NotNull(state, string.Empty);
        Check(state!.Version == FakeServerlessState.CurrentVersion, string.Empty, "version", $"version {state.Version} is not supported: this fake reads version {FakeServerlessState.CurrentVersion}.");
        Check(state.PendingBuildFailures >= 0, string.Empty, "pending_build_failures", $"{state.PendingBuildFailures} is negative; it counts the builds that will fail next.");
        NotNull(state.Accounts, string.Empty, "accounts");
        var accounts = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < state.Accounts.Count; i++)
        {
            var path = $"accounts[{i}]";
            var account = NotNull(state.Accounts[i], path);
            Sid(account.AccountSid, SidPrefix.Account, path, ".account_sid");
            Check(accounts.Add(account.AccountSid), path, ".account_sid", $"account {account.AccountSid} appears twice.");
            Services(account, path);
        }

        Domains(state);
        ApiKeys(state);
    }

    private void Services(ExportedAccount account, string accountPath)
    {
        var uniqueNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        List(account.Services, accountPath, ".services", SidPrefix.Service, static s => s.Service.Sid, (s, path) =>
        {
            var record = NotNull(s.Service, path, ".service");
            var recordPath = path + ".service";
            Sid(record.Sid, SidPrefix.Service, recordPath, ".sid");
            Check(record.AccountSid == account.AccountSid, recordPath, ".account_sid", $"{Q(record.AccountSid)} is not the account it is listed under ({account.AccountSid}).");
            Text(record.FriendlyName, recordPath, ".friendly_name");
            Check(uniqueNames.Add(Text(record.UniqueName, recordPath, ".unique_name")), recordPath, ".unique_name", $"unique name {Q(record.UniqueName)} is used by two services of the account.");
            Check(!string.IsNullOrEmpty(record.DomainBase), recordPath, ".domain_base", $"it is empty; every service has a domain base.");
            Check(_domainBases.Add(record.DomainBase), recordPath, ".domain_base", $"domain base {Q(record.DomainBase)} is used by two services.");
            Service(s, record, path);
        });
    }

    private void Service(ExportedService s, ServiceRecord service, string path)
    {
        var functions = Code(s.Functions, service, path, "function", static f => f.Function, static f => f.Versions, static r => (r.Sid, r.AccountSid, r.ServiceSid, r.FriendlyName), static v => Fields(v));
        var assets = Code(s.Assets, service, path, "asset", static a => a.Asset, static a => a.Versions, static r => (r.Sid, r.AccountSid, r.ServiceSid, r.FriendlyName), static v => Fields(v));

        var builds = List(s.Builds, path, ".builds", SidPrefix.Build, static b => b.Build.Sid, (b, itemPath) => Build(b, service, functions, assets, itemPath));

        var uniqueNames = new HashSet<string>(StringComparer.Ordinal);
        var suffixes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        List(s.Environments, path, ".environments", SidPrefix.Environment, static e => e.Environment.Sid, (e, itemPath) =>
        {
            var record = NotNull(e.Environment, itemPath, ".environment");
            var recordPath = itemPath + ".environment";
            Owned(record.Sid, SidPrefix.Environment, record.AccountSid, record.ServiceSid, service, recordPath);
            Check(uniqueNames.Add(Text(record.UniqueName, recordPath, ".unique_name")), recordPath, ".unique_name", $"unique name {Q(record.UniqueName)} is used by two environments of the service.");
            Check(record.DomainSuffix is null || suffixes.Add(record.DomainSuffix), recordPath, ".domain_suffix", $"domain suffix {Q(record.DomainSuffix)} is used by two environments of the service.");
            Check(!string.IsNullOrEmpty(record.DomainName), recordPath, ".domain_name", $"it is empty; every environment has a domain.");
            Check(_domains.TryAdd(record.DomainName, new DomainEntry(service.AccountSid, service.Sid, record.Sid)), recordPath, ".domain_name", $"domain {Q(record.DomainName)} is used by two environments.");
            Check(record.BuildSid is null || builds.Live.Contains(record.BuildSid), recordPath, ".build_sid", $"{Q(record.BuildSid)} is not a build of service {service.Sid}; the live build must be one.");
            EnvironmentLists(e, record, service, builds, itemPath);
        });
    }

    private void EnvironmentLists(ExportedEnvironment e, EnvironmentRecord environment, ServiceRecord service, Sids builds, string path)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        List(e.Variables, path, ".variables", SidPrefix.Variable, static v => v.Sid, (v, itemPath) =>
        {
            InEnvironment(v.Sid, SidPrefix.Variable, v.AccountSid, v.ServiceSid, v.EnvironmentSid, environment, itemPath);
            Check(keys.Add(Text(v.Key, itemPath, ".key")), itemPath, ".key", $"key {Q(v.Key)} is used by two variables of the environment.");
            Text(v.Value, itemPath, ".value");
        });
        List(e.Deployments, path, ".deployments", SidPrefix.Deployment, static d => d.Sid, (d, itemPath) =>
        {
            InEnvironment(d.Sid, SidPrefix.Deployment, d.AccountSid, d.ServiceSid, d.EnvironmentSid, environment, itemPath);
            Check(d.BuildSid is null || builds.Contains(d.BuildSid), itemPath, ".build_sid", $"{Q(d.BuildSid)} is not a build of service {service.Sid} (live or deleted).");
        });
        List(e.Logs, path, ".logs", SidPrefix.Log, static l => l.Sid, (l, itemPath) =>
        {
            InEnvironment(l.Sid, SidPrefix.Log, l.AccountSid, l.ServiceSid, l.EnvironmentSid, environment, itemPath);
            Text(l.Level, itemPath, ".level");
            Text(l.Message, itemPath, ".message");
            OptionalSid(l.BuildSid, SidPrefix.Build, itemPath, ".build_sid");
            OptionalSid(l.DeploymentSid, SidPrefix.Deployment, itemPath, ".deployment_sid");
            OptionalSid(l.FunctionSid, SidPrefix.FunctionOrAsset, itemPath, ".function_sid");
            OptionalSid(l.RequestSid, SidPrefix.Request, itemPath, ".request_sid");
        });
    }

    private static void Build(ExportedBuild b, ServiceRecord service, Sids functions, Sids assets, string path)
    {
        var record = NotNull(b.Build, path, ".build");
        var recordPath = path + ".build";
        Owned(record.Sid, SidPrefix.Build, record.AccountSid, record.ServiceSid, service, recordPath);
        Defined(record.Status, recordPath, ".status");
        Text(record.Runtime, recordPath, ".runtime");
        Elements(record.FunctionVersions, recordPath, ".function_versions", (v, itemPath) => Version(Fields(v), service, itemPath, ".function_sid", functions.Contains, "is not a function"));
        Elements(record.AssetVersions, recordPath, ".asset_versions", (v, itemPath) => Version(Fields(v), service, itemPath, ".asset_sid", assets.Contains, "is not an asset"));
        Elements(record.Dependencies, recordPath, ".dependencies", (d, itemPath) =>
        {
            Text(d.Name, itemPath, ".name");
            Text(d.Version, itemPath, ".version");
        });

        Check(b.Reads is >= 0 and < int.MaxValue, path, ".reads", $"{b.Reads} is out of range: from 0 to {int.MaxValue - 1}.");
        Check(b.Outcome is BuildStatus.Completed or BuildStatus.Failed, path, ".outcome", $"{Q(b.Outcome)} is neither Completed nor Failed.");
        Defined(b.CompletionMode, path, ".completion_mode");
        Check(b.CompletionMode != BuildCompletionMode.AfterPolls || b.CompletionPolls >= 1, path, ".completion_polls", $"{b.CompletionPolls} is below 1; AfterPolls finishes on the n-th read.");
        Check(b.CompletionMode != BuildCompletionMode.AfterDelay || b.CompletionDelay >= TimeSpan.Zero, path, ".completion_delay", $"{b.CompletionDelay} is negative.");
    }

    /// <summary>
    /// The functions (or assets) of a service: each record's SID, owner and name, and its versions, which must name it. Returns
    /// the list's SIDs, live and deleted, for the builds' versions to name.
    /// </summary>
    private Sids Code<TExported, TRecord, TVersion>(
        ExportedList<TExported>? list,
        ServiceRecord service,
        string path,
        string kind,
        Func<TExported, TRecord?> recordOf,
        Func<TExported, ExportedList<TVersion>?> versionsOf,
        Func<TRecord, (string Sid, string AccountSid, string ServiceSid, string FriendlyName)> fieldsOf,
        Func<TVersion, VersionFields> versionFields)
        where TExported : class
        where TRecord : class
        where TVersion : class =>
        List(list, path, $".{kind}s", SidPrefix.FunctionOrAsset, item => fieldsOf(recordOf(item)!).Sid, (item, itemPath) =>
        {
            var (sid, accountSid, serviceSid, friendlyName) = fieldsOf(NotNull(recordOf(item), itemPath, "." + kind));
            Owned(sid, SidPrefix.FunctionOrAsset, accountSid, serviceSid, service, $"{itemPath}.{kind}");
            Text(friendlyName, itemPath, $".{kind}.friendly_name");
            var own = new Sids();
            own.Live.Add(sid);
            List(versionsOf(item), itemPath, ".versions", SidPrefix.Version, v => versionFields(v).Sid, (v, versionPath) =>
                Version(versionFields(v), service, versionPath, $".{kind}_sid", own.Contains, $"is not the {kind} it is listed under ({sid})"));
        });

    /// <summary>A function or asset version, listed under its code or embedded in a build: SID, owner, code, path, visibility and text.</summary>
    private static void Version(VersionFields v, ServiceRecord service, string path, string codeField, Func<string?, bool> isCode, string notCode)
    {
        Owned(v.Sid, SidPrefix.Version, v.AccountSid, v.ServiceSid, service, path);
        Check(isCode(v.CodeSid), path, codeField, $"{Q(v.CodeSid)} {notCode}{(notCode.EndsWith(')') ? string.Empty : $" of service {service.Sid} (live or deleted)")}.");
        Text(v.Path, path, ".path");
        Defined(v.Visibility, path, ".visibility");
        Text(v.Text, path, v.TextField); // an asset's content type: any text (one that is no media type is served as application/octet-stream)
    }

    private static VersionFields Fields(FunctionVersionRecord v) => new(v.Sid, v.AccountSid, v.ServiceSid, v.FunctionSid, v.Path, v.Visibility, v.Content, ".content");

    private static VersionFields Fields(AssetVersionRecord v) => new(v.Sid, v.AccountSid, v.ServiceSid, v.AssetSid, v.Path, v.Visibility, v.ContentType, ".content_type");

    private void Domains(FakeServerlessState state)
    {
        NotNull(state.DomainBases, string.Empty, "domain_bases");
        NotNull(state.Domains, string.Empty, "domains");
        var bases = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < state.DomainBases.Count; i++)
        {
            var domainBase = state.DomainBases[i];
            Check(domainBase is not null && bases.Add(domainBase) && _domainBases.Contains(domainBase), "domain_bases", $"[{i}]", $"{Q(domainBase)} is null, listed twice or no service's domain_base.");
        }

        Check(bases.Count == _domainBases.Count, string.Empty, "domain_bases", $"it lists {bases.Count} domain bases, but the services have {_domainBases.Count}.");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < state.Domains.Count; i++)
        {
            var domain = NotNull(state.Domains[i], "domains", $"[{i}]");
            Check(
                domain.DomainName is not null && seen.Add(domain.DomainName) && _domains.TryGetValue(domain.DomainName, out var entry) &&
                entry == new DomainEntry(domain.AccountSid, domain.ServiceSid, domain.EnvironmentSid),
                "domains",
                $"[{i}]",
                $"domain {Q(domain.DomainName)} is listed twice or does not match the environment whose domain_name it is.");
        }

        Check(seen.Count == _domains.Count, string.Empty, "domains", $"it lists {seen.Count} domains, but the environments have {_domains.Count}.");
    }

    private void ApiKeys(FakeServerlessState state)
    {
        // Both lists are optional (states written before keys were state have neither; the reader leaves them null).
        var apiKeys = state.ApiKeys ?? [];
        for (var i = 0; i < apiKeys.Count; i++)
        {
            var path = $"api_keys[{i}]";
            var key = NotNull(apiKeys[i], path);
            Sid(key.Sid, ApiKeyStore.Prefix, path, ".sid");
            Check(_sids.Add(key.Sid), path, ".sid", $"API key {key.Sid} appears twice (or its SID is another resource's).");
            Check(!string.IsNullOrEmpty(key.Secret), path, ".secret", $"an API key needs a secret.");
            Sid(key.AccountSid, SidPrefix.Account, path, ".account_sid");
        }

        var revoked = state.RevokedApiKeys ?? [];
        for (var i = 0; i < revoked.Count; i++)
        {
            var sid = revoked[i];
            Sid(sid, ApiKeyStore.Prefix, "revoked_api_keys", $"[{i}]");
            Check(!_sids.Contains(sid), "revoked_api_keys", $"[{i}]", $"API key {sid} is both live and revoked.");
        }
    }

    /// <summary>
    /// Checks a list's shape (items, increasing sequences below <c>next_sequence</c>, deleted SIDs), each item with
    /// <paramref name="item"/> (given the item's path), and that each SID is unique across the whole state.
    /// </summary>
    private Sids List<T>(ExportedList<T>? list, string parent, string field, string prefix, Func<T, string> sidOf, Action<T, string> item)
        where T : class
    {
        NotNull(list, parent, field);
        var path = parent + field;
        NotNull(list!.Items, path, ".items");
        NotNull(list.Sequences, path, ".sequences");
        NotNull(list.Removed, path, ".removed");
        Check(list.NextSequence is >= 0 and <= MaxSequence, path, ".next_sequence", $"{list.NextSequence} is out of range: from 0 to {MaxSequence}.");
        Check(list.Sequences.Count == list.Items.Count, path, ".sequences", $"it holds {list.Sequences.Count} numbers for {list.Items.Count} items.");
        var sids = new Sids();
        for (var i = 0; i < list.Items.Count; i++)
        {
            var sequence = list.Sequences[i];
            if (sequence < 0 || sequence >= list.NextSequence || (i > 0 && sequence <= list.Sequences[i - 1]))
            {
                throw new StateValidationException($"{path}.sequences[{i}]", $"{sequence} must be above the one before it and below next_sequence ({list.NextSequence}).");
            }

            var itemPath = string.Concat(path, ".items[", i.ToString(CultureInfo.InvariantCulture), "]");
            item(NotNull(list.Items[i], itemPath), itemPath);
            var sid = sidOf(list.Items[i]);
            Check(_sids.Add(sid), itemPath, string.Empty, $"SID {sid} appears twice in the state.");
            sids.Live.Add(sid);
        }

        foreach (var (sid, sequence) in list.Removed)
        {
            Sid(sid, prefix, path, ".removed");
            Check(sequence >= 0 && sequence < list.NextSequence, path, $".removed.{sid}", $"{sequence} must be from 0 to below next_sequence ({list.NextSequence}).");
            Check(!sids.Live.Contains(sid), path, $".removed.{sid}", $"{sid} is both deleted and live.");
            sids.Removed.Add(sid);
        }

        return sids;
    }

    private static void Elements<T>(IReadOnlyList<T>? items, string parent, string field, Action<T, string> item)
        where T : class
    {
        NotNull(items, parent, field);
        for (var i = 0; i < items!.Count; i++)
        {
            var itemPath = string.Concat(parent, field, "[", i.ToString(CultureInfo.InvariantCulture), "]");
            item(NotNull(items[i], itemPath), itemPath);
        }
    }

    /// <summary>A record's SID, and that it belongs to <paramref name="service"/> and its account.</summary>
    private static void Owned(string sid, string prefix, string accountSid, string serviceSid, ServiceRecord service, string path)
    {
        Sid(sid, prefix, path, ".sid");
        Check(accountSid == service.AccountSid, path, ".account_sid", $"{Q(accountSid)} is not the account of service {service.Sid}.");
        Check(serviceSid == service.Sid, path, ".service_sid", $"{Q(serviceSid)} is not the service it is listed under ({service.Sid}).");
    }

    private static void InEnvironment(string sid, string prefix, string accountSid, string serviceSid, string environmentSid, EnvironmentRecord environment, string path)
    {
        Sid(sid, prefix, path, ".sid");
        Check(accountSid == environment.AccountSid, path, ".account_sid", $"{Q(accountSid)} is not the account of environment {environment.Sid}.");
        Check(serviceSid == environment.ServiceSid, path, ".service_sid", $"{Q(serviceSid)} is not the service of environment {environment.Sid}.");
        Check(environmentSid == environment.Sid, path, ".environment_sid", $"{Q(environmentSid)} is not the environment it is listed under ({environment.Sid}).");
    }

    private static void Sid(string? sid, string prefix, string path, string field) =>
        Check(SidPrefix.IsSid(sid, prefix), path, field, $"{Q(sid)} is not a SID: {prefix} followed by 32 hexadecimal digits.");

    private static void OptionalSid(string? sid, string prefix, string path, string field)
    {
        if (sid is not null)
        {
            Sid(sid, prefix, path, field);
        }
    }

    private static string Text(string? value, string path, string field)
    {
        Check(value is not null, path, field, $"null, but text is required.");
        return value!;
    }

    private static void Defined<TEnum>(TEnum value, string path, string field)
        where TEnum : struct, Enum =>
        Check(Enum.IsDefined(value), path, field, $"{Convert.ToInt64(value, CultureInfo.InvariantCulture)} is not one of {string.Join(", ", Enum.GetNames<TEnum>())}.");

    private static T NotNull<T>(T? value, string path, string field = "")
        where T : class
    {
        Check(value is not null, path, field, $"null, but a value is required.");
        return value!;
    }

    /// <summary>Throws naming <paramref name="path"/> + <paramref name="field"/> (a leading '.' dropped at the top) when the condition is false.</summary>
    private static void Check(bool condition, string path, string field, [InterpolatedStringHandlerArgument(nameof(condition))] ref FailureText problem)
    {
        if (!condition)
        {
            var full = path.Length == 0 ? field.TrimStart('.') : path + field;
            throw new StateValidationException(full, problem.ToStringAndClear());
        }
    }

    /// <summary>A value as a message quotes it: escaped, cut to 60 characters; <c>null</c> unquoted.</summary>
    private static string Q(object? value)
    {
        if (value is null)
        {
            return "null";
        }

        var text = LogText.Escape(value.ToString() ?? string.Empty);
        return $"'{(text.Length > 60 ? text[..60] + "…" : text)}'";
    }

    /// <summary>What a function version and an asset version have in common, for <see cref="Version"/>.</summary>
    private readonly record struct VersionFields(
        string Sid, string AccountSid, string ServiceSid, string CodeSid, string Path, Visibility Visibility, string Text, string TextField);

    /// <summary>The SIDs of one list: its live items and its deleted ones.</summary>
    private sealed class Sids
    {
        public HashSet<string> Live { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Removed { get; } = new(StringComparer.Ordinal);

        public bool Contains(string? sid) => sid is not null && (Live.Contains(sid) || Removed.Contains(sid));
    }
}

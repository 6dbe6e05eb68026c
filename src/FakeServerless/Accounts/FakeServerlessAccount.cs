using System.Text.Json;
using FakeServerless.Changes;
using FakeServerless.Changes.Commands;
using FakeServerless.Accounts;
using FakeServerless.State;
using FakeServerless.Wire;

namespace FakeServerless;

/// <summary>
/// One account's state, driven from C# without Twilio's HTTP API: read snapshots, seed resources, finish builds, write logs. The
/// same rules apply as over HTTP; a broken rule throws <see cref="InvalidOperationException"/> with Twilio's error message. On a
/// fake in another process (<see cref="FakeServerlessServer.Connect"/>) each call is one control API request
/// (<c>/_fake/accounts/{AccountSid}/…</c>), answered with the same records and refused with the same message
/// (a <see cref="FakeServerlessControlException"/>); like the in-process calls, none is journaled.
/// </summary>
/// <remarks>
/// Every change is a command sent down the fake's write path: in durable mode it is logged (one row, so seeding N resources
/// costs O(N)) before it is applied. Reads change nothing: an account with no state reads as empty and is not created.
/// </remarks>
public sealed class FakeServerlessAccount
{
    private readonly ServerlessBackend? _backend;
    private readonly StateWriter? _writer;
    private readonly IRemoteAccounts? _remote;

    internal FakeServerlessAccount(ServerlessBackend backend, StateWriter writer, string accountSid)
    {
        _backend = backend;
        _writer = writer;
        AccountSid = accountSid;
    }

    internal FakeServerlessAccount(IRemoteAccounts remote, string accountSid)
    {
        _remote = remote;
        AccountSid = accountSid;
    }

    /// <summary>The Account SID.</summary>
    public string AccountSid { get; }

    /// <summary>A consistent picture of everything the account holds (builds brought up to date, as a client's look would).</summary>
    public ServerlessSnapshot Snapshot() => _remote?.Snapshot(AccountSid)
        ?? Call(() => _writer!.Read(mayChange => _backend!.Snapshot(AccountSid, mayChange), () => new SnapshotAccountCommand(AccountSid)));

    /// <summary>
    /// As <see cref="Snapshot"/>, without blocking a thread while a remote fake answers (in process it completes at once).
    /// </summary>
    public Task<ServerlessSnapshot> SnapshotAsync(CancellationToken cancellationToken = default) =>
        _remote?.SnapshotAsync(AccountSid, cancellationToken) ?? Task.FromResult(Snapshot());

    /// <summary>Creates a service (as <c>POST /v1/Services</c>).</summary>
    public ServiceRecord CreateService(string uniqueName, string? friendlyName = null, bool includeCredentials = true, bool uiEditable = false) =>
        _remote is null
            ? Apply(new CreateServiceCommand(AccountSid, uniqueName, friendlyName ?? uniqueName, includeCredentials, uiEditable))
            : Remote("services", RecordJson.Default.ServiceRecord, w =>
            {
                w.WriteString("unique_name", uniqueName);
                w.WriteString("friendly_name", friendlyName);
                w.WriteBoolean("include_credentials", includeCredentials);
                w.WriteBoolean("ui_editable", uiEditable);
            });

    /// <summary>Creates an environment of a service (SID or unique name).</summary>
    public EnvironmentRecord CreateEnvironment(string service, string uniqueName, string? domainSuffix = null) =>
        _remote is null
            ? Apply(new CreateEnvironmentCommand(AccountSid, service, uniqueName, domainSuffix))
            : Remote("environments", RecordJson.Default.EnvironmentRecord, w =>
            {
                w.WriteString("service", service);
                w.WriteString("unique_name", uniqueName);
                w.WriteString("domain_suffix", domainSuffix);
            });

    /// <summary>Creates or updates an environment variable.</summary>
    public VariableRecord SetVariable(string service, string environmentSid, string key, string value) =>
        _remote is null
            ? Apply(new SetVariableCommand(AccountSid, service, environmentSid, key, value))
            : Remote("variables", RecordJson.Default.VariableRecord, w =>
            {
                w.WriteString("service", service);
                w.WriteString("environment_sid", environmentSid);
                w.WriteString("key", key);
                w.WriteString("value", value);
            });

    /// <summary>Creates a function.</summary>
    public FunctionRecord CreateFunction(string service, string friendlyName) =>
        _remote is null
            ? Apply(new CreateFunctionCommand(AccountSid, service, friendlyName))
            : Remote("functions", RecordJson.Default.FunctionRecord, w =>
            {
                w.WriteString("service", service);
                w.WriteString("friendly_name", friendlyName);
            });

    /// <summary>Uploads a function version (as the multipart upload does).</summary>
    public FunctionVersionRecord CreateFunctionVersion(string service, string functionSid, string path, string content, Visibility visibility = Visibility.Public) =>
        _remote is null
            ? Apply(new CreateFunctionVersionCommand(AccountSid, service, functionSid, path, content, visibility))
            : Remote("function-versions", RecordJson.Default.FunctionVersionRecord, w =>
            {
                w.WriteString("service", service);
                w.WriteString("function_sid", functionSid);
                w.WriteString("path", path);
                w.WriteString("content", content);
                w.WriteString("visibility", ResourceJson.VisibilityName(visibility));
            });

    /// <summary>Creates an asset.</summary>
    public AssetRecord CreateAsset(string service, string friendlyName) =>
        _remote is null
            ? Apply(new CreateAssetCommand(AccountSid, service, friendlyName))
            : Remote("assets", RecordJson.Default.AssetRecord, w =>
            {
                w.WriteString("service", service);
                w.WriteString("friendly_name", friendlyName);
            });

    /// <summary>Uploads an asset version.</summary>
    public AssetVersionRecord CreateAssetVersion(string service, string assetSid, string path, ReadOnlyMemory<byte> content, string contentType = "application/octet-stream", Visibility visibility = Visibility.Public) =>
        _remote is null
            ? Apply(new CreateAssetVersionCommand(AccountSid, service, assetSid, path, content.ToArray(), contentType, visibility))
            : Remote("asset-versions", RecordJson.Default.AssetVersionRecord, w =>
            {
                w.WriteString("service", service);
                w.WriteString("asset_sid", assetSid);
                w.WriteString("path", path);
                w.WriteBase64String("content", content.Span);
                w.WriteString("content_type", contentType);
                w.WriteString("visibility", ResourceJson.VisibilityName(visibility));
            });

    /// <summary>Creates a build from version SIDs of the service; it finishes by the configured <see cref="BuildCompletion"/>.</summary>
    public BuildRecord CreateBuild(string service, IEnumerable<string>? functionVersionSids = null, IEnumerable<string>? assetVersionSids = null, IEnumerable<BuildDependency>? dependencies = null, string? runtime = null)
    {
        var functions = (functionVersionSids ?? []).ToList();
        var assets = (assetVersionSids ?? []).ToList();
        var packages = (dependencies ?? []).ToList();
        return _remote is null
            ? Apply(new CreateBuildCommand(AccountSid, service, functions, assets, packages, runtime))
            : Remote("builds", RecordJson.Default.BuildRecord, w =>
            {
                w.WriteString("service", service);
                Strings(w, "function_version_sids", functions);
                Strings(w, "asset_version_sids", assets);
                w.WriteStartArray("dependencies");
                foreach (var dependency in packages)
                {
                    w.WriteStartObject();
                    w.WriteString("name", dependency.Name);
                    w.WriteString("version", dependency.Version);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteString("runtime", runtime);
            });
    }

    /// <summary>Deploys a build to an environment, or clears the environment when <paramref name="buildSid"/> is null.</summary>
    public DeploymentRecord Deploy(string service, string environmentSid, string? buildSid) =>
        _remote is null
            ? Apply(new DeployCommand(AccountSid, service, environmentSid, buildSid))
            : Remote("deployments", RecordJson.Default.DeploymentRecord, w =>
            {
                w.WriteString("service", service);
                w.WriteString("environment_sid", environmentSid);
                w.WriteString("build_sid", buildSid);
            });

    /// <summary>Finishes a <c>building</c> build as <c>completed</c>; false when it had already finished.</summary>
    public bool CompleteBuild(string service, string buildSid) => _remote?.FinishBuild(buildSid, complete: true)
        ?? Apply(new FinishBuildCommand(AccountSid, service, buildSid, BuildStatus.Completed));

    /// <summary>Finishes a <c>building</c> build as <c>failed</c>; false when it had already finished.</summary>
    public bool FailBuild(string service, string buildSid) => _remote?.FinishBuild(buildSid, complete: false)
        ?? Apply(new FinishBuildCommand(AccountSid, service, buildSid, BuildStatus.Failed));

    /// <summary>Writes a log record to an environment, as a function's <c>console.log</c> would.</summary>
    public LogRecord AppendLog(string service, string environmentSid, string message, string level = "info", string? functionSid = null) =>
        _remote is null
            ? Apply(new AppendLogCommand(AccountSid, service, environmentSid, level, message, functionSid))
            : Remote("logs", RecordJson.Default.LogRecord, w =>
            {
                w.WriteString("service", service);
                w.WriteString("environment_sid", environmentSid);
                w.WriteString("message", message);
                w.WriteString("level", level);
                w.WriteString("function_sid", functionSid);
            });

    private T Apply<T>(StateCommand<T> command) => Call(() => _writer!.Apply(command));

    private T Remote<T>(string collection, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, Action<Utf8JsonWriter> fields) =>
        _remote!.Create(AccountSid, collection, fields, type);

    private static void Strings(Utf8JsonWriter w, string name, List<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private T Call<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (ServerlessException ex)
        {
            var message = ex.Status == 404 ? $"Not found in account {AccountSid}{(ex.ResourcePath is null ? string.Empty : ": " + ex.ResourcePath)}." : ex.Message;
            throw new InvalidOperationException($"{message} (Twilio error {ex.Code}, HTTP {ex.Status})", ex);
        }
    }
}

using System.Text;
using FakeServerless.Persistence;
using FakeServerless.State;

namespace FakeServerless;

/// <summary>
/// One account's state, driven from C# without HTTP: read snapshots, seed resources, finish builds, write logs. The same
/// rules apply as over HTTP; a broken rule throws <see cref="InvalidOperationException"/> with Twilio's error message.
/// </summary>
public sealed class FakeServerlessAccount
{
    private readonly ServerlessBackend _backend;
    private readonly DurableState? _durable;

    internal FakeServerlessAccount(ServerlessBackend backend, string accountSid, DurableState? durable = null)
    {
        _backend = backend;
        _durable = durable;
        AccountSid = accountSid;
    }

    /// <summary>The Account SID.</summary>
    public string AccountSid { get; }

    /// <summary>A consistent picture of everything the account holds.</summary>
    public ServerlessSnapshot Snapshot() => Call(() => _backend.Snapshot(AccountSid));

    /// <summary>Creates a service (as <c>POST /v1/Services</c>).</summary>
    public ServiceRecord CreateService(string uniqueName, string? friendlyName = null, bool includeCredentials = true, bool uiEditable = false) =>
        Call(() => _backend.CreateService(AccountSid, uniqueName, friendlyName ?? uniqueName, includeCredentials, uiEditable));

    /// <summary>Creates an environment of a service (SID or unique name).</summary>
    public EnvironmentRecord CreateEnvironment(string service, string uniqueName, string? domainSuffix = null) =>
        Call(() => _backend.CreateEnvironment(AccountSid, service, uniqueName, domainSuffix));

    /// <summary>Creates or updates an environment variable.</summary>
    public VariableRecord SetVariable(string service, string environmentSid, string key, string value) =>
        Call(() => _backend.SetVariable(AccountSid, service, environmentSid, key, value));

    /// <summary>Creates a function.</summary>
    public FunctionRecord CreateFunction(string service, string friendlyName) =>
        Call(() => _backend.CreateCode(CodeKinds.Function, AccountSid, service, friendlyName));

    /// <summary>Uploads a function version (as the multipart upload does).</summary>
    public FunctionVersionRecord CreateFunctionVersion(string service, string functionSid, string path, string content, Visibility visibility = Visibility.Public) =>
        Call(() => _backend.CreateCodeVersion(CodeKinds.Function, AccountSid, service, functionSid, path, visibility, Encoding.UTF8.GetBytes(content), "application/javascript"));

    /// <summary>Creates an asset.</summary>
    public AssetRecord CreateAsset(string service, string friendlyName) =>
        Call(() => _backend.CreateCode(CodeKinds.Asset, AccountSid, service, friendlyName));

    /// <summary>Uploads an asset version.</summary>
    public AssetVersionRecord CreateAssetVersion(string service, string assetSid, string path, ReadOnlyMemory<byte> content, string contentType = "application/octet-stream", Visibility visibility = Visibility.Public) =>
        Call(() => _backend.CreateCodeVersion(CodeKinds.Asset, AccountSid, service, assetSid, path, visibility, content, contentType));

    /// <summary>Creates a build from version SIDs of the service; it finishes by the configured <see cref="BuildCompletion"/>.</summary>
    public BuildRecord CreateBuild(string service, IEnumerable<string>? functionVersionSids = null, IEnumerable<string>? assetVersionSids = null, IEnumerable<BuildDependency>? dependencies = null, string? runtime = null) =>
        Call(() => _backend.CreateBuild(AccountSid, service, (functionVersionSids ?? []).ToList(), (assetVersionSids ?? []).ToList(), (dependencies ?? []).ToList(), runtime));

    /// <summary>Deploys a build to an environment, or clears the environment when <paramref name="buildSid"/> is null.</summary>
    public DeploymentRecord Deploy(string service, string environmentSid, string? buildSid) =>
        Call(() => _backend.CreateDeployment(AccountSid, service, environmentSid, buildSid, isPlugin: false));

    /// <summary>Finishes a <c>building</c> build as <c>completed</c>; false when it had already finished.</summary>
    public bool CompleteBuild(string service, string buildSid) => Call(() => _backend.FinishBuild(AccountSid, service, buildSid, BuildStatus.Completed));

    /// <summary>Finishes a <c>building</c> build as <c>failed</c>; false when it had already finished.</summary>
    public bool FailBuild(string service, string buildSid) => Call(() => _backend.FinishBuild(AccountSid, service, buildSid, BuildStatus.Failed));

    /// <summary>Writes a log record to an environment, as a function's <c>console.log</c> would.</summary>
    public LogRecord AppendLog(string service, string environmentSid, string message, string level = "info", string? functionSid = null) =>
        Call(() => _backend.AppendLog(AccountSid, service, environmentSid, level, message, functionSid));

    private T Call<T>(Func<T> action)
    {
        try
        {
            // Durable mode: a change from C# has no request to log, so it is snapshotted before this returns.
            return _durable is null ? action() : _durable.RunOutsideRequest(action);
        }
        catch (ServerlessException ex)
        {
            var message = ex.Status == 404 ? $"Not found in account {AccountSid}{(ex.ResourcePath is null ? string.Empty : ": " + ex.ResourcePath)}." : ex.Message;
            throw new InvalidOperationException($"{message} (Twilio error {ex.Code}, HTTP {ex.Status})", ex);
        }
    }
}

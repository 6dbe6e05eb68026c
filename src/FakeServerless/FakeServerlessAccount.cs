using FakeServerless.Changes;
using FakeServerless.Changes.Commands;
using FakeServerless.State;

namespace FakeServerless;

/// <summary>
/// One account's state, driven from C# without HTTP: read snapshots, seed resources, finish builds, write logs. The same
/// rules apply as over HTTP; a broken rule throws <see cref="InvalidOperationException"/> with Twilio's error message.
/// </summary>
/// <remarks>
/// Every change is a command sent down the fake's write path: in durable mode it is logged (one row, so seeding N resources
/// costs O(N)) before it is applied. Reads change nothing: an account with no state reads as empty and is not created.
/// </remarks>
public sealed class FakeServerlessAccount
{
    private readonly ServerlessBackend _backend;
    private readonly StateWriter _writer;

    internal FakeServerlessAccount(ServerlessBackend backend, StateWriter writer, string accountSid)
    {
        _backend = backend;
        _writer = writer;
        AccountSid = accountSid;
    }

    /// <summary>The Account SID.</summary>
    public string AccountSid { get; }

    /// <summary>A consistent picture of everything the account holds (builds brought up to date, as a client's look would).</summary>
    public ServerlessSnapshot Snapshot() =>
        Call(() => _writer.Read(mayChange => _backend.Snapshot(AccountSid, mayChange), () => new SnapshotAccountCommand(AccountSid)));

    /// <summary>Creates a service (as <c>POST /v1/Services</c>).</summary>
    public ServiceRecord CreateService(string uniqueName, string? friendlyName = null, bool includeCredentials = true, bool uiEditable = false) =>
        Apply(new CreateServiceCommand(AccountSid, uniqueName, friendlyName ?? uniqueName, includeCredentials, uiEditable));

    /// <summary>Creates an environment of a service (SID or unique name).</summary>
    public EnvironmentRecord CreateEnvironment(string service, string uniqueName, string? domainSuffix = null) =>
        Apply(new CreateEnvironmentCommand(AccountSid, service, uniqueName, domainSuffix));

    /// <summary>Creates or updates an environment variable.</summary>
    public VariableRecord SetVariable(string service, string environmentSid, string key, string value) =>
        Apply(new SetVariableCommand(AccountSid, service, environmentSid, key, value));

    /// <summary>Creates a function.</summary>
    public FunctionRecord CreateFunction(string service, string friendlyName) => Apply(new CreateFunctionCommand(AccountSid, service, friendlyName));

    /// <summary>Uploads a function version (as the multipart upload does).</summary>
    public FunctionVersionRecord CreateFunctionVersion(string service, string functionSid, string path, string content, Visibility visibility = Visibility.Public) =>
        Apply(new CreateFunctionVersionCommand(AccountSid, service, functionSid, path, content, visibility));

    /// <summary>Creates an asset.</summary>
    public AssetRecord CreateAsset(string service, string friendlyName) => Apply(new CreateAssetCommand(AccountSid, service, friendlyName));

    /// <summary>Uploads an asset version.</summary>
    public AssetVersionRecord CreateAssetVersion(string service, string assetSid, string path, ReadOnlyMemory<byte> content, string contentType = "application/octet-stream", Visibility visibility = Visibility.Public) =>
        Apply(new CreateAssetVersionCommand(AccountSid, service, assetSid, path, content.ToArray(), contentType, visibility));

    /// <summary>Creates a build from version SIDs of the service; it finishes by the configured <see cref="BuildCompletion"/>.</summary>
    public BuildRecord CreateBuild(string service, IEnumerable<string>? functionVersionSids = null, IEnumerable<string>? assetVersionSids = null, IEnumerable<BuildDependency>? dependencies = null, string? runtime = null) =>
        Apply(new CreateBuildCommand(AccountSid, service, [.. functionVersionSids ?? []], [.. assetVersionSids ?? []], [.. dependencies ?? []], runtime));

    /// <summary>Deploys a build to an environment, or clears the environment when <paramref name="buildSid"/> is null.</summary>
    public DeploymentRecord Deploy(string service, string environmentSid, string? buildSid) => Apply(new DeployCommand(AccountSid, service, environmentSid, buildSid));

    /// <summary>Finishes a <c>building</c> build as <c>completed</c>; false when it had already finished.</summary>
    public bool CompleteBuild(string service, string buildSid) => Apply(new FinishBuildCommand(AccountSid, service, buildSid, BuildStatus.Completed));

    /// <summary>Finishes a <c>building</c> build as <c>failed</c>; false when it had already finished.</summary>
    public bool FailBuild(string service, string buildSid) => Apply(new FinishBuildCommand(AccountSid, service, buildSid, BuildStatus.Failed));

    /// <summary>Writes a log record to an environment, as a function's <c>console.log</c> would.</summary>
    public LogRecord AppendLog(string service, string environmentSid, string message, string level = "info", string? functionSid = null) =>
        Apply(new AppendLogCommand(AccountSid, service, environmentSid, level, message, functionSid));

    private T Apply<T>(StateCommand<T> command) => Call(() => _writer.Apply(command));

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

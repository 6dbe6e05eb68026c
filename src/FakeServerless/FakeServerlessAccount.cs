using FakeServerless.State;

namespace FakeServerless;

/// <summary>
/// One account's state, driven from C# without HTTP: read snapshots, seed resources, finish builds, write logs. The same
/// rules apply as over HTTP; a broken rule throws <see cref="InvalidOperationException"/> with Twilio's error message.
/// </summary>
public sealed class FakeServerlessAccount
{
    private readonly AccountState _state;

    internal FakeServerlessAccount(AccountState state) => _state = state;

    /// <summary>The Account SID.</summary>
    public string AccountSid => _state.AccountSid;

    /// <summary>A consistent picture of everything the account holds.</summary>
    public ServerlessSnapshot Snapshot() => Locked(() =>
    {
        var now = _state.Context.Now;
        var services = _state.Services.Items.ToList();
        var environments = services.SelectMany(s => s.Environments.Items).ToList();
        return new ServerlessSnapshot
        {
            AccountSid = _state.AccountSid,
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
            Builds = services.SelectMany(s => s.Builds.NewestFirst).Select(b => b.Refresh(now, isPoll: false)).OrderByDescending(b => b.DateCreated).ToArray(),
        };
    });

    /// <summary>Creates a service (as <c>POST /v1/Services</c>).</summary>
    public ServiceRecord CreateService(string uniqueName, string? friendlyName = null, bool includeCredentials = true, bool uiEditable = false) =>
        Locked(() => _state.CreateService(uniqueName, friendlyName ?? uniqueName, includeCredentials, uiEditable));

    /// <summary>Creates an environment of a service (SID or unique name).</summary>
    public EnvironmentRecord CreateEnvironment(string service, string uniqueName, string? domainSuffix = null) =>
        Locked(() => _state.CreateEnvironment(_state.FindService(service), uniqueName, domainSuffix));

    /// <summary>Creates or updates an environment variable.</summary>
    public VariableRecord SetVariable(string service, string environmentSid, string key, string value) => Locked(() =>
    {
        var environment = _state.FindEnvironment(_state.FindService(service), environmentSid);
        var existing = environment.Variables.Items.FirstOrDefault(v => v.Key == key);
        return existing is null ? _state.CreateVariable(environment, key, value) : _state.UpdateVariable(environment, existing.Sid, null, value);
    });

    /// <summary>Creates a function.</summary>
    public FunctionRecord CreateFunction(string service, string friendlyName) =>
        Locked(() => _state.CreateFunction(_state.FindService(service), friendlyName));

    /// <summary>Uploads a function version (as the multipart upload does).</summary>
    public FunctionVersionRecord CreateFunctionVersion(string service, string functionSid, string path, string content, Visibility visibility = Visibility.Public) =>
        Locked(() => _state.CreateFunctionVersion(_state.FindFunction(_state.FindService(service), functionSid), path, visibility, content));

    /// <summary>Creates an asset.</summary>
    public AssetRecord CreateAsset(string service, string friendlyName) =>
        Locked(() => _state.CreateAsset(_state.FindService(service), friendlyName));

    /// <summary>Uploads an asset version.</summary>
    public AssetVersionRecord CreateAssetVersion(string service, string assetSid, string path, ReadOnlyMemory<byte> content, string contentType = "application/octet-stream", Visibility visibility = Visibility.Public) =>
        Locked(() => _state.CreateAssetVersion(_state.FindAsset(_state.FindService(service), assetSid), path, visibility, content, contentType));

    /// <summary>Creates a build from version SIDs of the service; it finishes by the configured <see cref="BuildCompletion"/>.</summary>
    public BuildRecord CreateBuild(string service, IEnumerable<string>? functionVersionSids = null, IEnumerable<string>? assetVersionSids = null, IEnumerable<BuildDependency>? dependencies = null, string? runtime = null) =>
        Locked(() => _state.CreateBuild(_state.FindService(service), (functionVersionSids ?? []).ToList(), (assetVersionSids ?? []).ToList(), (dependencies ?? []).ToList(), runtime));

    /// <summary>Deploys a build to an environment, or clears the environment when <paramref name="buildSid"/> is null.</summary>
    public DeploymentRecord Deploy(string service, string environmentSid, string? buildSid) => Locked(() =>
    {
        var node = _state.FindService(service);
        return _state.CreateDeployment(node, _state.FindEnvironment(node, environmentSid), buildSid, isPlugin: false);
    });

    /// <summary>Finishes a <c>building</c> build as <c>completed</c>; false when it had already finished.</summary>
    public bool CompleteBuild(string service, string buildSid) => FinishBuild(service, buildSid, BuildStatus.Completed);

    /// <summary>Finishes a <c>building</c> build as <c>failed</c>; false when it had already finished.</summary>
    public bool FailBuild(string service, string buildSid) => FinishBuild(service, buildSid, BuildStatus.Failed);

    /// <summary>Writes a log record to an environment, as a function's <c>console.log</c> would.</summary>
    public LogRecord AppendLog(string service, string environmentSid, string message, string level = "info", string? functionSid = null) =>
        Locked(() => _state.AppendLog(_state.FindEnvironment(_state.FindService(service), environmentSid), level, message, functionSid, null));

    private bool FinishBuild(string service, string buildSid, BuildStatus status) =>
        Locked(() => _state.FindBuild(_state.FindService(service), buildSid).Finish(status, _state.Context.Now));

    private T Locked<T>(Func<T> action)
    {
        lock (_state.Gate)
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
}

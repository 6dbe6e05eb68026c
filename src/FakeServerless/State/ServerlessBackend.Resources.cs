namespace FakeServerless.State;

/// <summary>Services, environments, variables, deployments, logs and builds, by identifier.</summary>
internal sealed partial class ServerlessBackend
{
    public PageSlice<ServiceRecord> ListServices(string accountSid, PageRequest page) =>
        Reading(accountSid, a => Page(a.Services, page, newestFirst: false, static n => n.Record));

    public ServiceRecord CreateService(string accountSid, string uniqueName, string friendlyName, bool includeCredentials, bool uiEditable) =>
        Writing(accountSid, a => a.CreateService(uniqueName, friendlyName, includeCredentials, uiEditable));

    public ServiceRecord FetchService(string accountSid, string service) => Reading(accountSid, a => a.FindService(service).Record);

    public ServiceRecord UpdateService(string accountSid, string service, string? friendlyName, bool? includeCredentials, bool? uiEditable) =>
        Writing(accountSid, a => a.UpdateService(service, friendlyName, includeCredentials, uiEditable));

    public void DeleteService(string accountSid, string service) => Writing(accountSid, a => Done(() => a.DeleteService(service)));

    public PageSlice<EnvironmentRecord> ListEnvironments(string accountSid, string service, PageRequest page) =>
        Reading(accountSid, a => Page(a.FindService(service).Environments, page, newestFirst: false, static n => n.Record));

    public EnvironmentRecord CreateEnvironment(string accountSid, string service, string uniqueName, string? domainSuffix) =>
        Writing(accountSid, a => a.CreateEnvironment(a.FindService(service), uniqueName, domainSuffix));

    public EnvironmentRecord FetchEnvironment(string accountSid, string service, string environmentSid) =>
        Reading(accountSid, a => a.FindEnvironment(a.FindService(service), environmentSid).Record);

    public void DeleteEnvironment(string accountSid, string service, string environmentSid) =>
        Writing(accountSid, a => Done(() => a.DeleteEnvironment(a.FindService(service), environmentSid)));

    public PageSlice<VariableRecord> ListVariables(string accountSid, string service, string environmentSid, PageRequest page) =>
        ReadingEnvironment(accountSid, service, environmentSid, (_, e) => Page(e.Variables, page, newestFirst: false, static r => r));

    public VariableRecord CreateVariable(string accountSid, string service, string environmentSid, string key, string value) =>
        WritingEnvironment(accountSid, service, environmentSid, (a, e) => a.CreateVariable(e, key, value));

    public VariableRecord FetchVariable(string accountSid, string service, string environmentSid, string variableSid) =>
        ReadingEnvironment(accountSid, service, environmentSid, (a, e) => a.FindVariable(e, variableSid));

    public VariableRecord UpdateVariable(string accountSid, string service, string environmentSid, string variableSid, string? key, string? value) =>
        WritingEnvironment(accountSid, service, environmentSid, (a, e) => a.UpdateVariable(e, variableSid, key, value));

    public void DeleteVariable(string accountSid, string service, string environmentSid, string variableSid) =>
        WritingEnvironment(accountSid, service, environmentSid, (a, e) => Done(() => a.DeleteVariable(e, variableSid)));

    /// <summary>Creates the variable, or updates the value of the one with that key.</summary>
    public VariableRecord SetVariable(string accountSid, string service, string environmentSid, string key, string value) =>
        WritingEnvironment(accountSid, service, environmentSid, (a, e) =>
            e.Variables.Items.FirstOrDefault(v => v.Key == key) is { } existing
                ? a.UpdateVariable(e, existing.Sid, null, value)
                : a.CreateVariable(e, key, value));

    public PageSlice<DeploymentRecord> ListDeployments(string accountSid, string service, string environmentSid, PageRequest page) =>
        ReadingEnvironment(accountSid, service, environmentSid, (_, e) => Page(e.Deployments, page, newestFirst: true, static r => r));

    public DeploymentRecord CreateDeployment(string accountSid, string service, string environmentSid, string? buildSid, bool isPlugin) =>
        Writing(accountSid, a =>
        {
            var node = a.FindService(service);
            return a.CreateDeployment(node, a.FindEnvironment(node, environmentSid), buildSid, isPlugin);
        });

    public DeploymentRecord FetchDeployment(string accountSid, string service, string environmentSid, string deploymentSid) =>
        ReadingEnvironment(accountSid, service, environmentSid, (a, e) => a.FindDeployment(e, deploymentSid));

    /// <summary>Logs newest first, created in [<paramref name="from"/>, <paramref name="to"/>] (default: the last day), of one function if given.</summary>
    public PageSlice<LogRecord> ListLogs(
        string accountSid, string service, string environmentSid, PageRequest page, string? functionSid, DateTimeOffset? from, DateTimeOffset? to) =>
        ReadingEnvironment(accountSid, service, environmentSid, (a, e) =>
        {
            var start = from ?? DateMath.Add(a.Context.Now, TimeSpan.FromDays(-1));
            var end = to ?? a.Context.Now;
            return Page(e.Logs, page, newestFirst: true, static r => r,
                r => r.DateCreated >= start && r.DateCreated <= end && (functionSid is null || r.FunctionSid == functionSid));
        });

    public LogRecord FetchLog(string accountSid, string service, string environmentSid, string logSid) =>
        ReadingEnvironment(accountSid, service, environmentSid, (a, e) => a.FindLog(e, logSid));

    public LogRecord AppendLog(string accountSid, string service, string environmentSid, string level, string message, string? functionSid) =>
        WritingEnvironment(accountSid, service, environmentSid, (a, e) => a.AppendLog(e, level, message, functionSid, null));

    /// <summary>
    /// Builds newest first, each brought up to date (a list read does not count as a poll). A build this read would finish
    /// throws <see cref="StateChangeNeededException"/> unless <paramref name="mayChange"/>.
    /// </summary>
    public PageSlice<BuildRecord> ListBuilds(string accountSid, string service, PageRequest page, bool mayChange) =>
        Reading(accountSid, a =>
        {
            var now = a.Context.Now;
            return Page(a.FindService(service).Builds, page, newestFirst: true, n => n.Refresh(now, isPoll: false, mayChange));
        });

    public BuildRecord CreateBuild(
        string accountSid, string service, IReadOnlyList<string> functionVersionSids, IReadOnlyList<string> assetVersionSids, IReadOnlyList<BuildDependency> dependencies, string? runtime) =>
        Created(Writing(accountSid, a => a.CreateBuild(a.FindService(service), functionVersionSids, assetVersionSids, dependencies, runtime)));

    /// <summary>Node mode's build step starts (or decides the build, when its packages are cached) once the build exists.</summary>
    private BuildRecord Created(BuildRecord build)
    {
        BuildGate.Gate?.Created(build);
        return build;
    }

    /// <summary>
    /// A client's read of a build (or its status): counts as a poll for <see cref="BuildCompletion.AfterPolls"/>. A poll of a
    /// build still building changes it, so it throws <see cref="StateChangeNeededException"/> unless <paramref name="mayChange"/>.
    /// </summary>
    public BuildRecord PollBuild(string accountSid, string service, string buildSid, bool mayChange) =>
        Reading(accountSid, a => a.FindBuild(a.FindService(service), buildSid).Refresh(a.Context.Now, isPoll: true, mayChange));

    public void DeleteBuild(string accountSid, string service, string buildSid) =>
        Writing(accountSid, a => Done(() => a.DeleteBuild(a.FindService(service), buildSid)));

    /// <summary>Finishes a <c>building</c> build now; false when it had already finished.</summary>
    public bool FinishBuild(string accountSid, string service, string buildSid, BuildStatus status) =>
        Writing(accountSid, a => a.FindBuild(a.FindService(service), buildSid).Finish(status, a.Context.Now));

    /// <summary>
    /// Throws the 404 a request on this service (and environment) would get. Handlers call it before they read a body, so a
    /// missing parent is reported before a bad parameter, as Twilio does.
    /// </summary>
    public void Require(string accountSid, string service, string? environmentSid = null) =>
        Reading(accountSid, a => environmentSid is null ? a.FindService(service) is not null : a.FindEnvironment(a.FindService(service), environmentSid) is not null);

    private T ReadingEnvironment<T>(string accountSid, string service, string environmentSid, Func<AccountState, EnvironmentNode, T> read) =>
        Reading(accountSid, a => read(a, a.FindEnvironment(a.FindService(service), environmentSid)));

    private T WritingEnvironment<T>(string accountSid, string service, string environmentSid, Func<AccountState, EnvironmentNode, T> write) =>
        Writing(accountSid, a => write(a, a.FindEnvironment(a.FindService(service), environmentSid)));

    private static bool Done(Action action)
    {
        action();
        return true;
    }
}

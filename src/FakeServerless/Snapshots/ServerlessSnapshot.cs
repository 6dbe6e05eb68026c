namespace FakeServerless;

/// <summary>
/// An immutable, consistent picture of one account's state, read without HTTP. Lists are in the order the API lists them:
/// creation order, except deployments, builds, versions and logs, which are newest first.
/// </summary>
public sealed class ServerlessSnapshot
{
    [System.Text.Json.Serialization.JsonConstructor]
    internal ServerlessSnapshot() { }

    /// <summary>The account this is a picture of.</summary>
    public required string AccountSid { get; init; }

    /// <summary>Every service.</summary>
    public required IReadOnlyList<ServiceRecord> Services { get; init; }

    /// <summary>Every environment of every service.</summary>
    public required IReadOnlyList<EnvironmentRecord> Environments { get; init; }

    /// <summary>Every variable.</summary>
    public required IReadOnlyList<VariableRecord> Variables { get; init; }

    /// <summary>Every deployment (a cleared environment keeps only its clearing deployment), newest first.</summary>
    public required IReadOnlyList<DeploymentRecord> Deployments { get; init; }

    /// <summary>Every log record, newest first.</summary>
    public required IReadOnlyList<LogRecord> Logs { get; init; }

    /// <summary>Every function.</summary>
    public required IReadOnlyList<FunctionRecord> Functions { get; init; }

    /// <summary>Every function version, newest first.</summary>
    public required IReadOnlyList<FunctionVersionRecord> FunctionVersions { get; init; }

    /// <summary>Every asset.</summary>
    public required IReadOnlyList<AssetRecord> Assets { get; init; }

    /// <summary>Every asset version, newest first.</summary>
    public required IReadOnlyList<AssetVersionRecord> AssetVersions { get; init; }

    /// <summary>Every build, newest first.</summary>
    public required IReadOnlyList<BuildRecord> Builds { get; init; }

    /// <summary>The service with this SID or unique name, or null.</summary>
    public ServiceRecord? Service(string sidOrUniqueName) =>
        Services.FirstOrDefault(s => s.Sid == sidOrUniqueName || s.UniqueName == sidOrUniqueName);

    /// <summary>The environment with this SID, unique name or domain name, or null.</summary>
    public EnvironmentRecord? Environment(string sidOrName) =>
        Environments.FirstOrDefault(e => e.Sid == sidOrName || e.DomainName == sidOrName) ??
        Environments.FirstOrDefault(e => e.UniqueName == sidOrName);

    /// <summary>The build with this SID, or null.</summary>
    public BuildRecord? Build(string sid) => Builds.FirstOrDefault(b => b.Sid == sid);

    /// <summary>The deployments of one environment, newest first.</summary>
    public IReadOnlyList<DeploymentRecord> DeploymentsOf(string environmentSid) =>
        Deployments.Where(d => d.EnvironmentSid == environmentSid).ToArray();

    /// <summary>The variables of one environment as a dictionary.</summary>
    public IReadOnlyDictionary<string, string> VariablesOf(string environmentSid) =>
        Variables.Where(v => v.EnvironmentSid == environmentSid).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
}

namespace FakeServerless.FluentAssertions.Tests.Support;

/// <summary>What <see cref="AssertionTestBase.DeployOverHttpAsync"/> created.</summary>
public sealed record HttpDeploy(ServiceRecord Service, EnvironmentRecord Environment, string VersionSid, string BuildSid, string DeploymentSid)
{
    /// <summary>The journal line of the CreateBuild request.</summary>
    public string CreateBuildLine => $"POST /v1/Services/{Service.Sid}/Builds -> 201 [CreateBuild]";

    /// <summary>The journal line of the FetchBuildStatus request.</summary>
    public string FetchBuildStatusLine => $"GET /v1/Services/{Service.Sid}/Builds/{BuildSid}/Status -> 200 [FetchBuildStatus]";

    /// <summary>The journal line of the CreateDeployment request.</summary>
    public string CreateDeploymentLine => $"POST /v1/Services/{Service.Sid}/Environments/{Environment.Sid}/Deployments -> 201 [CreateDeployment]";

    /// <summary>The three lines as a failure message lists them, each after a newline and two spaces.</summary>
    public string Lines(bool withParameters = false) =>
        string.Concat(new[]
        {
            CreateBuildLine + (withParameters ? $" with FunctionVersions=\"{VersionSid}\"" : string.Empty),
            FetchBuildStatusLine,
            CreateDeploymentLine + (withParameters ? $" with BuildSid=\"{BuildSid}\"" : string.Empty),
        }.Select(line => System.Environment.NewLine + "  " + line));
}

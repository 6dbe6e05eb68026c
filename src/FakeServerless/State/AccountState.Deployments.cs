namespace FakeServerless.State;

internal sealed partial class AccountState
{
    public DeploymentRecord FindDeployment(EnvironmentNode environment, string deploymentSid) =>
        environment.Deployments.TryGet(deploymentSid, out var record) ? record : throw ServerlessException.NotFound();

    /// <summary>
    /// Makes <paramref name="buildSid"/> live in the environment, or clears it when null: a clearing deployment deletes
    /// every earlier deployment of the environment and sets its <c>build_sid</c> to null.
    /// </summary>
    public DeploymentRecord CreateDeployment(ServiceNode service, EnvironmentNode environment, string? buildSid, bool isPlugin)
    {
        if (buildSid is not null)
        {
            if (!service.Builds.TryGet(buildSid, out var build))
            {
                throw ServerlessException.NotFound($"/Services/{service.Record.Sid}/Builds/{buildSid}");
            }

            var status = build.Refresh(Now, isPoll: false, mayChange: true).Status;
            if (status != BuildStatus.Completed)
            {
                throw ServerlessException.Conflict(
                    $"Build {buildSid} cannot be deployed: its status is {WireName(status)}, and only a completed Build can be deployed.");
            }
        }

        if (string.Equals(environment.Record.BuildSid, buildSid, StringComparison.Ordinal))
        {
            throw ServerlessException.Conflict("Environment already has requested deployment.");
        }

        var now = Now;
        var record = new DeploymentRecord
        {
            Sid = NewSid(SidPrefix.Deployment),
            AccountSid = AccountSid,
            ServiceSid = service.Record.Sid,
            EnvironmentSid = environment.Record.Sid,
            BuildSid = buildSid,
            IsPlugin = isPlugin,
            DateCreated = now,
            DateUpdated = now,
        };
        if (buildSid is null)
        {
            environment.Deployments.RemoveWhere(static _ => true);
        }

        environment.Deployments.Add(record);
        environment.Record = environment.Record with { BuildSid = buildSid, DateUpdated = now };
        service.Environments.Replace(environment);
        return record;
    }

    private static string WireName(BuildStatus status) => status switch
    {
        BuildStatus.Building => "building",
        BuildStatus.Completed => "completed",
        _ => "failed",
    };
}

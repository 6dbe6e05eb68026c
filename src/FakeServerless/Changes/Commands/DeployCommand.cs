namespace FakeServerless.Changes.Commands;

/// <summary><see cref="FakeServerlessAccount.Deploy"/>: deploys a build, or clears the environment when <see cref="BuildSid"/> is null.</summary>
internal sealed record DeployCommand(string AccountSid, string Service, string EnvironmentSid, string? BuildSid) : StateCommand<DeploymentRecord>
{
    public override string AccountOf() => AccountSid;

    public override DeploymentRecord Apply(CommandTarget target) =>
        target.Backend.CreateDeployment(AccountSid, Service, EnvironmentSid, BuildSid, isPlugin: false);
}

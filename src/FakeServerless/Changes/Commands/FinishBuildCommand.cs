namespace FakeServerless.Changes.Commands;

/// <summary><see cref="FakeServerlessAccount.CompleteBuild"/> and <see cref="FakeServerlessAccount.FailBuild"/>.</summary>
internal sealed record FinishBuildCommand(string AccountSid, string Service, string BuildSid, BuildStatus Status) : StateCommand<bool>
{
    public override string AccountOf() => AccountSid;

    public override bool Apply(CommandTarget target) => target.Backend.FinishBuild(AccountSid, Service, BuildSid, Status);
}

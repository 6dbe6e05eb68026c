namespace FakeServerless.Changes.Commands;

/// <summary><see cref="FakeServerlessAccount.CreateBuild"/>.</summary>
internal sealed record CreateBuildCommand(
    string AccountSid, string Service, IReadOnlyList<string> FunctionVersions, IReadOnlyList<string> AssetVersions, IReadOnlyList<BuildDependency> Dependencies, string? Runtime)
    : StateCommand<BuildRecord>
{
    public override string AccountOf() => AccountSid;

    public override BuildRecord Apply(CommandTarget target) =>
        target.Backend.CreateBuild(AccountSid, Service, FunctionVersions, AssetVersions, Dependencies, Runtime);
}

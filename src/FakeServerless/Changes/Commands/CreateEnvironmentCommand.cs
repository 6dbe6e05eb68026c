namespace FakeServerless.Changes.Commands;

/// <summary><see cref="FakeServerlessAccount.CreateEnvironment"/>.</summary>
internal sealed record CreateEnvironmentCommand(string AccountSid, string Service, string UniqueName, string? DomainSuffix) : StateCommand<EnvironmentRecord>
{
    public override string AccountOf() => AccountSid;

    public override EnvironmentRecord Apply(CommandTarget target) => target.Backend.CreateEnvironment(AccountSid, Service, UniqueName, DomainSuffix);
}

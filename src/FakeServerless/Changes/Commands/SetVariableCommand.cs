namespace FakeServerless.Changes.Commands;

/// <summary><see cref="FakeServerlessAccount.SetVariable"/>.</summary>
internal sealed record SetVariableCommand(string AccountSid, string Service, string EnvironmentSid, string Key, string Value) : StateCommand<VariableRecord>
{
    public override string AccountOf() => AccountSid;

    public override VariableRecord Apply(CommandTarget target) => target.Backend.SetVariable(AccountSid, Service, EnvironmentSid, Key, Value);
}

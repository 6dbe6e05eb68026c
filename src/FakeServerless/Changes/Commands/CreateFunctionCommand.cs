using FakeServerless.State;

namespace FakeServerless.Changes.Commands;

/// <summary><see cref="FakeServerlessAccount.CreateFunction"/>.</summary>
internal sealed record CreateFunctionCommand(string AccountSid, string Service, string FriendlyName) : StateCommand<FunctionRecord>
{
    public override string AccountOf() => AccountSid;

    public override FunctionRecord Apply(CommandTarget target) => target.Backend.CreateCode(CodeKinds.Function, AccountSid, Service, FriendlyName);
}

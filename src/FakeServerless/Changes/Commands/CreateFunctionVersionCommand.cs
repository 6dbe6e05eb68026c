using System.Text;
using FakeServerless.State;

namespace FakeServerless.Changes.Commands;

/// <summary><see cref="FakeServerlessAccount.CreateFunctionVersion"/>.</summary>
internal sealed record CreateFunctionVersionCommand(string AccountSid, string Service, string FunctionSid, string Path, string Content, Visibility Visibility)
    : StateCommand<FunctionVersionRecord>
{
    public override string AccountOf() => AccountSid;

    public override FunctionVersionRecord Apply(CommandTarget target) =>
        target.Backend.CreateCodeVersion(CodeKinds.Function, AccountSid, Service, FunctionSid, Path, Visibility, Encoding.UTF8.GetBytes(Content), "application/javascript");
}

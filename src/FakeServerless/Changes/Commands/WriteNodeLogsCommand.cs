using FakeServerless.State;

namespace FakeServerless.Changes.Commands;

/// <summary>Node mode: lines a function printed (or the fake wrote about its run), each naming its function and request.</summary>
internal sealed record WriteNodeLogsCommand(string AccountSid, string ServiceSid, string EnvironmentSid, IReadOnlyList<FunctionLogLine> Lines)
    : StateCommand<bool>
{
    public override string AccountOf() => AccountSid;

    public override bool Apply(CommandTarget target)
    {
        target.Backend.WriteFunctionLogs(new DomainEntry(AccountSid, ServiceSid, EnvironmentSid), Lines);
        return true;
    }
}

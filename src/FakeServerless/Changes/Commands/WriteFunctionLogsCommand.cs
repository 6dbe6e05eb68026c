using FakeServerless.State;

namespace FakeServerless.Changes.Commands;

/// <summary>What a deployed function printed while the domain served it: log records of one request (a handler cannot be replayed).</summary>
internal sealed record WriteFunctionLogsCommand(string AccountSid, string ServiceSid, string EnvironmentSid, string FunctionSid, IReadOnlyList<ConsoleLine> Lines)
    : StateCommand<bool>
{
    public override string AccountOf() => AccountSid;

    public override bool Apply(CommandTarget target)
    {
        target.Backend.WriteFunctionLogs(new DomainEntry(AccountSid, ServiceSid, EnvironmentSid), FunctionSid, [.. Lines.Select(l => (l.Level, l.Message))]);
        return true;
    }
}

namespace FakeServerless.Changes.Commands;

/// <summary><see cref="FakeServerlessAccount.AppendLog"/>.</summary>
internal sealed record AppendLogCommand(string AccountSid, string Service, string EnvironmentSid, string Level, string Message, string? FunctionSid)
    : StateCommand<LogRecord>
{
    public override string AccountOf() => AccountSid;

    public override LogRecord Apply(CommandTarget target) => target.Backend.AppendLog(AccountSid, Service, EnvironmentSid, Level, Message, FunctionSid);
}

namespace FakeServerless.State;

internal sealed partial class AccountState
{
    public LogRecord FindLog(EnvironmentNode environment, string logSid) =>
        environment.Logs.TryGet(logSid, out var record) ? record : throw ServerlessException.NotFound();

    /// <summary>Writes a log record as a function invocation would; build and deployment are the ones live now.</summary>
    public LogRecord AppendLog(EnvironmentNode environment, string level, string message, string? functionSid, string? requestSid)
    {
        var liveDeployment = environment.Record.BuildSid is null ? null : environment.Deployments.NewestFirst.FirstOrDefault();
        var record = new LogRecord
        {
            Sid = NewSid(SidPrefix.Log),
            AccountSid = AccountSid,
            ServiceSid = environment.Record.ServiceSid,
            EnvironmentSid = environment.Record.Sid,
            BuildSid = environment.Record.BuildSid,
            DeploymentSid = liveDeployment?.Sid,
            FunctionSid = functionSid,
            RequestSid = requestSid ?? NewSid(SidPrefix.Request),
            Level = level,
            Message = message,
            DateCreated = Now,
        };
        environment.Logs.Add(record);
        return record;
    }
}

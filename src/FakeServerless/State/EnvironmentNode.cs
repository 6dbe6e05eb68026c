namespace FakeServerless.State;

/// <summary>An environment and its variables, deployments and logs.</summary>
internal sealed class EnvironmentNode(EnvironmentRecord record)
{
    public EnvironmentRecord Record { get; set; } = record;

    public SidList<VariableRecord> Variables { get; } = new(static v => v.Sid);

    public SidList<DeploymentRecord> Deployments { get; } = new(static d => d.Sid);

    public SidList<LogRecord> Logs { get; } = new(static l => l.Sid);
}

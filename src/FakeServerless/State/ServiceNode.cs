namespace FakeServerless.State;

/// <summary>A service and everything under it.</summary>
internal sealed class ServiceNode(ServiceRecord record)
{
    public ServiceRecord Record { get; set; } = record;

    public SidList<EnvironmentNode> Environments { get; } = new(static e => e.Record.Sid);

    public SidList<CodeNode<FunctionRecord, FunctionVersionRecord>> Functions { get; } = new(static f => f.Record.Sid);

    public SidList<CodeNode<AssetRecord, AssetVersionRecord>> Assets { get; } = new(static a => a.Record.Sid);

    public SidList<BuildNode> Builds { get; } = new(static b => b.Record.Sid);
}

namespace FakeServerless.State;

/// <summary>A function and its versions.</summary>
internal sealed class FunctionNode(FunctionRecord record)
{
    public FunctionRecord Record { get; set; } = record;

    public SidList<FunctionVersionRecord> Versions { get; } = new(static v => v.Sid);
}

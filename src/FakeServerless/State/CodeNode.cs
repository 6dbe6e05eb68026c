namespace FakeServerless.State;

/// <summary>A function or an asset and its versions.</summary>
internal sealed class CodeNode<TRecord, TVersion>(TRecord record, Func<TVersion, string> versionSid)
    where TRecord : class
    where TVersion : class
{
    public TRecord Record { get; set; } = record;

    public SidList<TVersion> Versions { get; } = new(versionSid);
}

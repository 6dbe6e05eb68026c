namespace FakeServerless.State;

/// <summary>An asset and its versions.</summary>
internal sealed class AssetNode(AssetRecord record)
{
    public AssetRecord Record { get; set; } = record;

    public SidList<AssetVersionRecord> Versions { get; } = new(static v => v.Sid);
}

namespace FakeServerless;

/// <summary>One asset in a <see cref="FakeServerlessState"/>, with its versions.</summary>
public sealed class ExportedAsset
{
    /// <summary>The asset.</summary>
    public required AssetRecord Asset { get; init; }

    /// <summary>Its versions.</summary>
    public required ExportedList<AssetVersionRecord> Versions { get; init; }
}

namespace FakeServerless;

/// <summary>A seeded asset and the version of it that is in the scenario's build.</summary>
/// <param name="Asset">The asset.</param>
/// <param name="Version">Its uploaded version (path, visibility, bytes, content type).</param>
public sealed record SeededAsset(AssetRecord Asset, AssetVersionRecord Version)
{
    /// <summary>The version's path, e.g. <c>/index.html</c>.</summary>
    public string Path => Version.Path;

    /// <summary>The version's content type, e.g. <c>text/html</c>.</summary>
    public string ContentType => Version.ContentType;
}

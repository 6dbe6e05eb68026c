namespace FakeServerless;

/// <summary>A snapshot of a Build (<c>ZB…</c>): versions, dependencies and a runtime that form a deployable unit.</summary>
public sealed record BuildRecord
{
    [System.Text.Json.Serialization.JsonConstructor]
    internal BuildRecord() { }

    /// <summary>The Build SID.</summary>
    public required string Sid { get; init; }

    /// <summary>The owning account.</summary>
    public required string AccountSid { get; init; }

    /// <summary>The Service.</summary>
    public required string ServiceSid { get; init; }

    /// <summary>Where the build is in its lifecycle.</summary>
    public BuildStatus Status { get; init; }

    /// <summary>The function versions in the build (copies: they outlive deleted functions).</summary>
    public required IReadOnlyList<FunctionVersionRecord> FunctionVersions { get; init; }

    /// <summary>The asset versions in the build.</summary>
    public required IReadOnlyList<AssetVersionRecord> AssetVersions { get; init; }

    /// <summary>The npm dependencies sent with the build.</summary>
    public required IReadOnlyList<BuildDependency> Dependencies { get; init; }

    /// <summary>The runtime, e.g. <c>node22</c>.</summary>
    public required string Runtime { get; init; }

    /// <summary>When the build was created.</summary>
    public DateTimeOffset DateCreated { get; init; }

    /// <summary>When the build last changed status.</summary>
    public DateTimeOffset DateUpdated { get; init; }
}

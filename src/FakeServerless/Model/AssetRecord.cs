namespace FakeServerless;

/// <summary>A snapshot of an Asset (<c>ZH…</c>): a named wrapper around its versions.</summary>
public sealed record AssetRecord
{
    [System.Text.Json.Serialization.JsonConstructor]
    internal AssetRecord() { }

    /// <summary>The Asset SID (<c>ZH</c>, shared with Functions).</summary>
    public required string Sid { get; init; }

    /// <summary>The owning account.</summary>
    public required string AccountSid { get; init; }

    /// <summary>The Service.</summary>
    public required string ServiceSid { get; init; }

    /// <summary>The display name (not unique).</summary>
    public required string FriendlyName { get; init; }

    /// <summary>When the asset was created.</summary>
    public DateTimeOffset DateCreated { get; init; }

    /// <summary>When the asset was last updated.</summary>
    public DateTimeOffset DateUpdated { get; init; }
}

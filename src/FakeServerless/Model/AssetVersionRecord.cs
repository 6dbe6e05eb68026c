namespace FakeServerless;

/// <summary>A snapshot of an Asset Version (<c>ZN…</c>): an immutable uploaded file at a path.</summary>
public sealed record AssetVersionRecord
{
    [System.Text.Json.Serialization.JsonConstructor]
    internal AssetVersionRecord() { }

    /// <summary>The Version SID (<c>ZN</c>).</summary>
    public required string Sid { get; init; }

    /// <summary>The owning account.</summary>
    public required string AccountSid { get; init; }

    /// <summary>The Service.</summary>
    public required string ServiceSid { get; init; }

    /// <summary>The Asset.</summary>
    public required string AssetSid { get; init; }

    /// <summary>The URL path, always starting with <c>/</c>.</summary>
    public required string Path { get; init; }

    /// <summary>Who may reach it on a domain.</summary>
    public Visibility Visibility { get; init; }

    /// <summary>The uploaded bytes.</summary>
    public required ReadOnlyMemory<byte> Content { get; init; }

    /// <summary>The content type the file was uploaded with (served on the domain).</summary>
    public required string ContentType { get; init; }

    /// <summary>When the version was uploaded.</summary>
    public DateTimeOffset DateCreated { get; init; }
}

namespace FakeServerless;

/// <summary>A snapshot of a Function Version (<c>ZN…</c>): immutable uploaded code at a path.</summary>
public sealed record FunctionVersionRecord
{
    [System.Text.Json.Serialization.JsonConstructor]
    internal FunctionVersionRecord() { }

    /// <summary>The Version SID (<c>ZN</c>).</summary>
    public required string Sid { get; init; }

    /// <summary>The owning account.</summary>
    public required string AccountSid { get; init; }

    /// <summary>The Service.</summary>
    public required string ServiceSid { get; init; }

    /// <summary>The Function.</summary>
    public required string FunctionSid { get; init; }

    /// <summary>The URL path, always starting with <c>/</c>.</summary>
    public required string Path { get; init; }

    /// <summary>Who may reach it on a domain.</summary>
    public Visibility Visibility { get; init; }

    /// <summary>The uploaded code.</summary>
    public required string Content { get; init; }

    /// <summary>When the version was uploaded.</summary>
    public DateTimeOffset DateCreated { get; init; }
}

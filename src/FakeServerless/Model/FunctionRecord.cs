namespace FakeServerless;

/// <summary>A snapshot of a Function (<c>ZH…</c>): a named wrapper around its versions.</summary>
public sealed record FunctionRecord
{
    [System.Text.Json.Serialization.JsonConstructor]
    internal FunctionRecord() { }

    /// <summary>The Function SID (<c>ZH</c>, shared with Assets).</summary>
    public required string Sid { get; init; }

    /// <summary>The owning account.</summary>
    public required string AccountSid { get; init; }

    /// <summary>The Service.</summary>
    public required string ServiceSid { get; init; }

    /// <summary>The display name (not unique).</summary>
    public required string FriendlyName { get; init; }

    /// <summary>When the function was created.</summary>
    public DateTimeOffset DateCreated { get; init; }

    /// <summary>When the function was last updated.</summary>
    public DateTimeOffset DateUpdated { get; init; }
}

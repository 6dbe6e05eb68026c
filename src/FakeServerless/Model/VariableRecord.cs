namespace FakeServerless;

/// <summary>A snapshot of an environment Variable (<c>ZV…</c>).</summary>
public sealed record VariableRecord
{
    [System.Text.Json.Serialization.JsonConstructor]
    internal VariableRecord() { }

    /// <summary>The Variable SID.</summary>
    public required string Sid { get; init; }

    /// <summary>The owning account.</summary>
    public required string AccountSid { get; init; }

    /// <summary>The Service.</summary>
    public required string ServiceSid { get; init; }

    /// <summary>The Environment.</summary>
    public required string EnvironmentSid { get; init; }

    /// <summary>The key, unique within the environment.</summary>
    public required string Key { get; init; }

    /// <summary>The value.</summary>
    public required string Value { get; init; }

    /// <summary>When the variable was created.</summary>
    public DateTimeOffset DateCreated { get; init; }

    /// <summary>When the variable was last updated.</summary>
    public DateTimeOffset DateUpdated { get; init; }
}

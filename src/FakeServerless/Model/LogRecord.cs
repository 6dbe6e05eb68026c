namespace FakeServerless;

/// <summary>A snapshot of a Log record (<c>NO…</c>) of an environment.</summary>
public sealed record LogRecord
{
    [System.Text.Json.Serialization.JsonConstructor]
    internal LogRecord() { }

    /// <summary>The Log SID.</summary>
    public required string Sid { get; init; }

    /// <summary>The owning account.</summary>
    public required string AccountSid { get; init; }

    /// <summary>The Service.</summary>
    public required string ServiceSid { get; init; }

    /// <summary>The Environment.</summary>
    public required string EnvironmentSid { get; init; }

    /// <summary>The build live when the record was written.</summary>
    public string? BuildSid { get; init; }

    /// <summary>The deployment live when the record was written.</summary>
    public string? DeploymentSid { get; init; }

    /// <summary>The function that wrote it.</summary>
    public string? FunctionSid { get; init; }

    /// <summary>The request (<c>RQ…</c>) that produced it.</summary>
    public string? RequestSid { get; init; }

    /// <summary>The level: <c>info</c>, <c>warn</c> or <c>error</c>.</summary>
    public required string Level { get; init; }

    /// <summary>The message.</summary>
    public required string Message { get; init; }

    /// <summary>When the record was written.</summary>
    public DateTimeOffset DateCreated { get; init; }
}

namespace FakeServerless;

/// <summary>A snapshot of an Environment (<c>ZE…</c>) of a Service.</summary>
public sealed record EnvironmentRecord
{
    [System.Text.Json.Serialization.JsonConstructor]
    internal EnvironmentRecord() { }

    /// <summary>The Environment SID (<c>ZE</c> + 32 hex).</summary>
    public required string Sid { get; init; }

    /// <summary>The owning account.</summary>
    public required string AccountSid { get; init; }

    /// <summary>The parent Service.</summary>
    public required string ServiceSid { get; init; }

    /// <summary>The build live in this environment, or <see langword="null"/> when nothing is deployed or it was cleared.</summary>
    public string? BuildSid { get; init; }

    /// <summary>The service-unique name.</summary>
    public required string UniqueName { get; init; }

    /// <summary>The domain suffix, or <see langword="null"/> when none was given.</summary>
    public string? DomainSuffix { get; init; }

    /// <summary>The host the environment is served on, <c>{domain_base}[-{suffix}].twil.io</c>.</summary>
    public required string DomainName { get; init; }

    /// <summary>When the environment was created.</summary>
    public DateTimeOffset DateCreated { get; init; }

    /// <summary>When the environment was last updated (moves with every deployment).</summary>
    public DateTimeOffset DateUpdated { get; init; }
}

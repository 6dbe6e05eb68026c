namespace FakeServerless;

/// <summary>A snapshot of a Deployment (<c>ZD…</c>): a build made live in an environment, or a clearing deployment.</summary>
public sealed record DeploymentRecord
{
    [System.Text.Json.Serialization.JsonConstructor]
    internal DeploymentRecord() { }

    /// <summary>The Deployment SID.</summary>
    public required string Sid { get; init; }

    /// <summary>The owning account.</summary>
    public required string AccountSid { get; init; }

    /// <summary>The Service.</summary>
    public required string ServiceSid { get; init; }

    /// <summary>The Environment.</summary>
    public required string EnvironmentSid { get; init; }

    /// <summary>The deployed build, or <see langword="null"/> for a deployment that cleared the environment.</summary>
    public string? BuildSid { get; init; }

    /// <summary>The <c>IsPlugin</c> flag sent on creation (Twilio does not echo it).</summary>
    public bool IsPlugin { get; init; }

    /// <summary>When the deployment was created.</summary>
    public DateTimeOffset DateCreated { get; init; }

    /// <summary>Equal to <see cref="DateCreated"/>: deployments are immutable.</summary>
    public DateTimeOffset DateUpdated { get; init; }
}

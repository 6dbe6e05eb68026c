namespace FakeServerless;

/// <summary>A snapshot of a Serverless Service (<c>ZS…</c>).</summary>
public sealed record ServiceRecord
{
    [System.Text.Json.Serialization.JsonConstructor]
    internal ServiceRecord() { }

    /// <summary>The Service SID (<c>ZS</c> + 32 hex).</summary>
    public required string Sid { get; init; }

    /// <summary>The owning account (<c>AC…</c>).</summary>
    public required string AccountSid { get; init; }

    /// <summary>The display name.</summary>
    public required string FriendlyName { get; init; }

    /// <summary>The permanent, account-unique name; usable in place of the SID in paths.</summary>
    public required string UniqueName { get; init; }

    /// <summary>Whether functions get account credentials in their context.</summary>
    public bool IncludeCredentials { get; init; }

    /// <summary>Whether the Console may edit the service.</summary>
    public bool UiEditable { get; init; }

    /// <summary>The domain prefix of every environment, <c>{unique_name}-NNNN</c>.</summary>
    public required string DomainBase { get; init; }

    /// <summary>When the service was created.</summary>
    public DateTimeOffset DateCreated { get; init; }

    /// <summary>When the service was last updated.</summary>
    public DateTimeOffset DateUpdated { get; init; }
}

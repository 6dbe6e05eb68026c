namespace FakeServerless;

/// <summary>One entry of the global domain registry in a <see cref="FakeServerlessState"/>.</summary>
public sealed class ExportedDomain
{
    /// <summary>The domain name, e.g. <c>shop-1234-dev.twil.io</c>.</summary>
    public required string DomainName { get; init; }

    /// <summary>The account of the environment it belongs to.</summary>
    public required string AccountSid { get; init; }

    /// <summary>The service of the environment it belongs to.</summary>
    public required string ServiceSid { get; init; }

    /// <summary>The environment it belongs to.</summary>
    public required string EnvironmentSid { get; init; }
}

namespace Aspire.Hosting.ApplicationModel;

/// <summary>What the <c>With…</c> methods set on either kind of fake, read by its health check and by <c>WithReference</c>.</summary>
internal sealed class FakeServerlessSettings
{
    public const string PrimaryEndpointName = "http";
    public const string ProxyEndpointName = "proxy";

    public ParameterResource? ControlToken { get; set; }

    public string? CertificateAuthorityPath { get; set; }

    public bool ProxyEnabled => CertificateAuthorityPath is not null;
}

using FakeServerless.Engine;
using FakeServerless.Proxy.Certificates;

namespace FakeServerless.Proxy;

/// <summary>The proxy as the options carry it until the fake starts it (<see cref="FakeServerlessProxyExtensions.UseProxy"/>).</summary>
internal sealed class ProxyAddOn(int port, string? certificateAuthorityDirectory) : ITransportAddOn
{
    public int Port { get; } = port;

    public string CertificateAuthorityDirectory { get; } = certificateAuthorityDirectory ?? CertificateAuthority.DefaultDirectory();

    /// <summary>Connection bounds; tests lower them.</summary>
    public ProxyLimits Limits { get; set; } = new();

    public IDisposable Start(FrontDoor frontDoor, FakeServerlessOptions options) =>
        ProxyServer.Start(frontDoor, options.Host, Port, CertificateAuthorityDirectory, Limits);
}

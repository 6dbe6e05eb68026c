using System.Net;
using FakeServerless.Engine;
using FakeServerless.Proxy.Certificates;
using FakeServerless.Proxy.Connections;
using FakeServerless.Proxy.Requests;
using FakeServerless.Transports;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FakeServerless.Proxy;

/// <summary>
/// The intercepting HTTPS proxy on Kestrel: a connection middleware (<see cref="ProxyConnectionHandler"/>) answers <c>CONNECT</c> to
/// a Twilio host and runs TLS with a leaf certificate minted by the local <see cref="CertificateAuthority"/>; Kestrel's own HTTP/1.1
/// stack and limits parse what comes through (keep-alive, pipelining, chunked bodies, <c>Expect: 100-continue</c>); each request
/// goes to the same <see cref="FrontDoor"/> as the API port (<see cref="ProxyApplication"/>), so the scheme and Host reach the engine
/// exactly as sent, the size limits and refusals are the port's, and a "drop connection" fault drops the client's own connection.
/// Plain-HTTP absolute-form requests to Twilio hosts are served the same way. Any other host gets 403: nothing is forwarded.
/// </summary>
internal sealed class ProxyServer : IDisposable
{
    private readonly KestrelServer _server;
    private readonly CertificateAuthority _authority;
    private readonly LeafCertificateCache _leaves;
    private int _disposed;

    private ProxyServer(KestrelServer server, CertificateAuthority authority, LeafCertificateCache leaves, ConnectionBudget budget, Uri url)
    {
        _server = server;
        _authority = authority;
        _leaves = leaves;
        Budget = budget;
        Url = url;
    }

    /// <summary><c>http://{host}:{port}/</c>: the address it binds, or loopback when it binds every address.</summary>
    public Uri Url { get; }

    /// <summary>The CA certificate clients must trust.</summary>
    public string CertificateAuthorityPath => _authority.CertificatePath;

    internal ConnectionBudget Budget { get; }

    /// <summary>Listens on <paramref name="host"/> (an IP address, as <see cref="FakeServerlessOptions.Host"/>) and <paramref name="port"/> (0: a free one).</summary>
    public static ProxyServer Start(FrontDoor frontDoor, string host, int port, string certificateAuthorityDirectory, ProxyLimits limits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        var address = IPAddress.Parse(host);
        var authority = CertificateAuthority.LoadOrCreate(certificateAuthorityDirectory);
        var leaves = new LeafCertificateCache(authority);
        var budget = new ConnectionBudget(limits);
        var options = new KestrelServerOptions { AddServerHeader = false, AllowHostHeaderOverride = true };
        options.Limits.KeepAliveTimeout = limits.IdleTimeout;
        options.Limits.RequestHeadersTimeout = limits.HandshakeTimeout;
        options.Listen(address, port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            listen.Use(next => new ProxyConnectionHandler(next, leaves, budget, limits).OnConnectionAsync);
        });

        var transport = new SocketTransportFactory(Options.Create(new SocketTransportOptions()), NullLoggerFactory.Instance);
        var server = new KestrelServer(Options.Create(options), transport, NullLoggerFactory.Instance);
        try
        {
            server.StartAsync(new ProxyApplication(frontDoor), CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is IOException or AddressInUseException or System.Net.Sockets.SocketException)
        {
            server.Dispose();
            leaves.Dispose();
            authority.Dispose();
            var inUse = ex is AddressInUseException || ex.InnerException is AddressInUseException;
            throw new ListenException(ListenerRole.Proxy, address.ToString(), port, inUse, $"Cannot listen on {new IPEndPoint(address, port)} for the proxy: {ex.GetBaseException().Message}", ex);
        }

        var bound = new Uri(server.Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        return new ProxyServer(server, authority, leaves, budget, ListenAddress.UrlOf(address, bound));
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // A cancelled token: open connections (idle tunnels included) are closed at once, not waited for.
        _server.StopAsync(new CancellationToken(canceled: true)).GetAwaiter().GetResult();
        _server.Dispose();
        _leaves.Dispose();
        _authority.Dispose();
    }
}

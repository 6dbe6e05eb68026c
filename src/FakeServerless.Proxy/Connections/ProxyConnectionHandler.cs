using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using FakeServerless.Proxy.Certificates;
using FakeServerless.Proxy.Requests;
using Microsoft.AspNetCore.Connections;

namespace FakeServerless.Proxy.Connections;

/// <summary>
/// The proxy's connection middleware, in front of Kestrel's HTTP/1.1: takes the connection's place in the
/// <see cref="ConnectionBudget"/>, then answers a <c>CONNECT</c> to a Twilio host with <c>200 Connection Established</c> and runs TLS
/// over the connection with a leaf certificate for the host the client names (SNI, else the CONNECT's host) before handing the
/// decrypted stream to Kestrel. Any other first request (a plain-HTTP proxy request) goes to Kestrel as it came. A CONNECT to any
/// other host gets 403: nothing is forwarded, no outbound socket is ever opened.
/// </summary>
internal sealed class ProxyConnectionHandler(ConnectionDelegate next, LeafCertificateCache leaves, ConnectionBudget budget, ProxyLimits limits)
{
    /// <summary><see cref="BaseConnectionContext.Items"/> key of the connection's <see cref="ConnectionLease"/>.</summary>
    public static readonly object LeaseKey = new();

    /// <summary><see cref="BaseConnectionContext.Items"/> key of the host a TLS tunnel was opened to (absent on a plain connection).</summary>
    public static readonly object TunnelKey = new();

    public async Task OnConnectionAsync(ConnectionContext connection)
    {
        var client = (connection.RemoteEndPoint as IPEndPoint)?.Address ?? IPAddress.None;
        if (budget.Admit(connection, client) is not { } lease)
        {
            await PlainAnswer.WriteAsync(connection.Transport.Output, 503, "every connection is busy answering a request; try again.").ConfigureAwait(false);
            return;
        }

        connection.Items[LeaseKey] = lease;
        try
        {
            await ServeAsync(connection).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // one connection's failure must never reach the fake: it only closes that connection
        catch (Exception)
        {
            // the client went away, timed out, failed the TLS handshake, or the proxy is stopping: just close
        }
#pragma warning restore CA1031
        finally
        {
            lease.Release();
        }
    }

    private async Task ServeAsync(ConnectionContext connection)
    {
        var output = connection.Transport.Output;
        using var handshake = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
        handshake.CancelAfter(limits.HandshakeTimeout);
        string host;
        try
        {
            if (await ConnectReader.ReadAsync(connection.Transport.Input, limits.MaxConnectHeadBytes, handshake.Token).ConfigureAwait(false) is not { } connect)
            {
                await next(connection).ConfigureAwait(false); // a plain-HTTP proxy request: Kestrel's HTTP/1.1 reads it
                return;
            }

            host = ServedHost(connect.Target);
        }
        catch (ProxyRefusal refusal)
        {
            await PlainAnswer.WriteAsync(output, refusal.Status, refusal.Message).ConfigureAwait(false);
            return;
        }

        await output.WriteAsync(PlainAnswer.ConnectionEstablished, handshake.Token).ConfigureAwait(false);
        var tls = new SslStream(new DuplexPipeStream(connection.Transport), leaveInnerStreamOpen: false);
        await using (tls.ConfigureAwait(false))
        {
            await tls.AuthenticateAsServerAsync(SelectCertificate, host, handshake.Token).ConfigureAwait(false);
            connection.Items[TunnelKey] = host;
            var plain = connection.Transport;
            connection.Transport = new StreamDuplexPipe(tls);
            try
            {
                await next(connection).ConfigureAwait(false);
            }
            finally
            {
                connection.Transport = plain;
            }
        }
    }

    /// <summary>The host of a CONNECT target the proxy serves (a Twilio host on 443); otherwise a 403.</summary>
    private static string ServedHost(string target) =>
        ProxyHosts.TrySplitAuthority(target, 0, out var host, out var port) && port == 443 && ProxyHosts.IsServed(host)
            ? host
            : throw new ProxyRefusal(403, $"CONNECT {target} refused: {ProxyHosts.Refusal}");

    /// <summary>The certificate for the name the client asks for (SNI) when the proxy serves it, else for the CONNECT's host.</summary>
    private ValueTask<SslServerAuthenticationOptions> SelectCertificate(SslStream stream, SslClientHelloInfo hello, object? state, CancellationToken ct)
    {
        var name = hello.ServerName is { Length: > 0 } sni && ProxyHosts.IsServed(sni.ToLowerInvariant()) ? sni.ToLowerInvariant() : (string)state!;
        return ValueTask.FromResult(new SslServerAuthenticationOptions
        {
            ServerCertificateContext = leaves.For(name),
            ApplicationProtocols = [SslApplicationProtocol.Http11],
            ClientCertificateRequired = false,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        });
    }
}

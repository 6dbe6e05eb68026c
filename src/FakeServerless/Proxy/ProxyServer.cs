using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using FakeServerless.Routing;
using FakeServerless.Transports;

namespace FakeServerless.Proxy;

/// <summary>
/// The intercepting HTTPS proxy: <c>CONNECT</c> to a Twilio host gets <c>200 Connection Established</c>, then TLS with a leaf
/// certificate minted for that host by the local <see cref="CertificateAuthority"/>, then the decrypted HTTP/1.1 requests go to
/// the same <see cref="ServerlessEngine"/> as the API port (scheme <c>https</c>, the original Host, transport <c>proxy</c>).
/// Plain-HTTP absolute-form requests to Twilio hosts are served the same way. Any other host gets 403: nothing is forwarded.
/// </summary>
/// <remarks>
/// HTTP/1.1 is parsed here (<see cref="HttpRequestReader"/>) rather than piped into a second Kestrel: the engine takes a plain
/// <see cref="EngineRequest"/>, so a small parser avoids a loopback hop per request, keeps the scheme and Host exactly as the
/// client sent them, and lets a fault drop the client's own connection.
/// </remarks>
internal sealed class ProxyServer : IDisposable
{
    private readonly ServerlessEngine _engine;
    private readonly TcpListener _listener;
    private readonly CertificateAuthority _authority;
    private readonly LeafCertificateCache _leaves;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<TcpClient, byte> _connections = new();
    private readonly Task _acceptLoop;

    private ProxyServer(ServerlessEngine engine, TcpListener listener, CertificateAuthority authority)
    {
        _engine = engine;
        _listener = listener;
        _authority = authority;
        _leaves = new LeafCertificateCache(authority);
        Url = ListenAddress.UrlOf(((IPEndPoint)listener.LocalEndpoint).Address, ((IPEndPoint)listener.LocalEndpoint).Port);
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary><c>http://{host}:{port}/</c>: the address it binds, or loopback when it binds every address.</summary>
    public Uri Url { get; }

    /// <summary>The CA certificate clients must trust.</summary>
    public string CertificateAuthorityPath => _authority.CertificatePath;

    /// <summary>Listens on <paramref name="host"/> (an IP address, as <see cref="FakeServerlessOptions.Host"/>) and <paramref name="port"/> (0: a free one).</summary>
    public static ProxyServer Start(ServerlessEngine engine, string host, int port, string certificateAuthorityDirectory)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        var authority = CertificateAuthority.LoadOrCreate(certificateAuthorityDirectory);
        var address = IPAddress.Parse(host);
        var listener = new TcpListener(address, port);
        try
        {
            listener.Start(backlog: 512);
        }
        catch (SocketException ex)
        {
            authority.Dispose();
            throw new IOException($"Cannot listen on {new IPEndPoint(address, port)} for the proxy: {ex.Message}", ex);
        }

        return new ProxyServer(engine, listener, authority);
    }

    public void Dispose()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        _stopping.Cancel();
        _listener.Stop();
        foreach (var client in _connections.Keys)
        {
            client.Dispose();
        }

        try
        {
            _acceptLoop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // the loop ends by its listener being stopped
        }

        _leaves.Dispose();
        _authority.Dispose();
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => ServeConnectionAsync(client));
        }
    }

    private async Task ServeConnectionAsync(TcpClient client)
    {
        _connections[client] = 0;
        try
        {
            client.NoDelay = true;
            var network = client.GetStream();
            if (_connections.Count > ProxyLimits.MaxConnections)
            {
                await HttpResponseWriter.WritePlainAsync(network, 503, "FakeServerless proxy: too many open connections.", _stopping.Token).ConfigureAwait(false);
                return;
            }

            var reader = new HttpRequestReader(network);
            try
            {
                var first = await WithTimeout(ProxyLimits.HandshakeTimeout, ct => reader.ReadHeadAsync(ct)).ConfigureAwait(false);
                if (first is null)
                {
                    return;
                }

                if (first.Method == "CONNECT")
                {
                    await TunnelAsync(client, network, reader, first).ConfigureAwait(false);
                }
                else
                {
                    await ServeRequestsAsync(client, network, reader, first, tunnelHost: null).ConfigureAwait(false);
                }
            }
            catch (ProxyProtocolException refused)
            {
                await HttpResponseWriter.WritePlainAsync(network, refused.Status, "FakeServerless proxy: " + refused.Message, _stopping.Token).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // one connection's failure must never reach the fake: it only closes that connection
        catch (Exception)
        {
            // the client went away, timed out, failed the TLS handshake, or the proxy is stopping: just close
        }
#pragma warning restore CA1031
        finally
        {
            _connections.TryRemove(client, out _);
            client.Dispose();
        }
    }

    private async Task TunnelAsync(TcpClient client, NetworkStream network, HttpRequestReader reader, RequestHead connect)
    {
        if (!ProxyHosts.TrySplitAuthority(connect.Target, 0, out var host, out var port) || port != 443 || !ProxyHosts.IsServed(host))
        {
            throw new ProxyProtocolException(403, $"CONNECT {connect.Target} refused: {ProxyHosts.Refusal}");
        }

        if (reader.Buffered > 0)
        {
            throw new ProxyProtocolException(400, "Data was sent after CONNECT before the proxy answered it.");
        }

        await HttpResponseWriter.WriteRawAsync(network, "HTTP/1.1 200 Connection Established\r\n\r\n", _stopping.Token).ConfigureAwait(false);
        await using var tls = new SslStream(network, leaveInnerStreamOpen: false);
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = _leaves.For(host),
            ApplicationProtocols = [SslApplicationProtocol.Http11],
            ClientCertificateRequired = false,
            CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
        };
        await WithTimeout(ProxyLimits.HandshakeTimeout, async ct => { await tls.AuthenticateAsServerAsync(options, ct).ConfigureAwait(false); return true; }).ConfigureAwait(false);

        var inner = new HttpRequestReader(tls);
        try
        {
            await ServeRequestsAsync(client, tls, inner, first: null, tunnelHost: host).ConfigureAwait(false);
        }
        catch (ProxyProtocolException refused)
        {
            await HttpResponseWriter.WritePlainAsync(tls, refused.Status, "FakeServerless proxy: " + refused.Message, _stopping.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Serves requests on one connection until it closes: inside a TLS tunnel to <paramref name="tunnelHost"/>, or plain.</summary>
    private async Task ServeRequestsAsync(TcpClient client, Stream stream, HttpRequestReader reader, RequestHead? first, string? tunnelHost)
    {
        while (!_stopping.IsCancellationRequested)
        {
            var head = first ?? await WithTimeout(ProxyLimits.IdleTimeout, ct => reader.ReadHeadAsync(ct)).ConfigureAwait(false);
            first = null;
            if (head is null)
            {
                return;
            }

            var request = await ToEngineRequestAsync(stream, reader, head, tunnelHost).ConfigureAwait(false);
            var response = await _engine.HandleAsync(request, _stopping.Token).ConfigureAwait(false);
            if (response.DropConnection)
            {
                client.LingerState = new LingerOption(true, 0); // close with a reset, as a dropped connection looks
                return;
            }

            var keepAlive = head.KeepAlive;
            await HttpResponseWriter.WriteAsync(stream, response, head.Method == "HEAD", keepAlive, _stopping.Token).ConfigureAwait(false);
            if (!keepAlive)
            {
                return;
            }
        }
    }

    private async Task<EngineRequest> ToEngineRequestAsync(Stream stream, HttpRequestReader reader, RequestHead head, string? tunnelHost)
    {
        var scheme = tunnelHost is null ? "http" : "https";
        string host;
        string pathAndQuery;
        if (head.Target.StartsWith('/') && tunnelHost is not null)
        {
            host = head.Header("Host") is { Length: > 0 } sent ? sent : tunnelHost;
            pathAndQuery = head.Target;
        }
        else if (head.Method != "CONNECT" && Uri.TryCreate(head.Target, UriKind.Absolute, out var absolute) && absolute.Scheme == scheme && absolute.UserInfo.Length == 0)
        {
            host = absolute.IsDefaultPort ? absolute.Host : $"{absolute.Host}:{absolute.Port}";
            pathAndQuery = head.Target[(head.Target.IndexOf(absolute.Authority, StringComparison.OrdinalIgnoreCase) + absolute.Authority.Length)..];
            pathAndQuery = pathAndQuery.StartsWith('/') ? pathAndQuery : "/" + pathAndQuery;
        }
        else if (tunnelHost is null && head.Target.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            throw new ProxyProtocolException(400, $"'{head.Method} {head.Target}': send HTTPS through a CONNECT tunnel (CONNECT host:443), not as a plain proxy request.");
        }
        else if (tunnelHost is null && head.Method != "CONNECT")
        {
            throw new ProxyProtocolException(400, $"'{head.Method} {head.Target}' is not a proxy request: send absolute-form requests (GET http://serverless.twilio.com/v1/Services) or CONNECT serverless.twilio.com:443 here, or use the fake's API port directly.");
        }
        else
        {
            throw new ProxyProtocolException(400, $"Unsupported request target '{head.Target}' for {head.Method}.");
        }

        if (!ProxyHosts.TrySplitAuthority(host, 0, out var hostName, out var port) || !ProxyHosts.IsServed(hostName))
        {
            throw new ProxyProtocolException(403, $"{head.Method} {scheme}://{host} refused: {ProxyHosts.Refusal}");
        }

        host = port == 0 || port == (tunnelHost is null ? 80 : 443) ? hostName : $"{hostName}:{port}";
        var fragment = pathAndQuery.IndexOf('#');
        pathAndQuery = fragment >= 0 ? pathAndQuery[..fragment] : pathAndQuery;
        var question = pathAndQuery.IndexOf('?');

        if (head.ExpectsContinue)
        {
            HttpRequestReader.ContentLength(head); // 413 before the client sends a body over the cap
            await HttpResponseWriter.WriteRawAsync(stream, "HTTP/1.1 100 Continue\r\n\r\n", _stopping.Token).ConfigureAwait(false);
        }

        var body = await WithTimeout(ProxyLimits.BodyTimeout, ct => reader.ReadBodyAsync(head, ct)).ConfigureAwait(false);
        var headers = new Dictionary<string, string>(head.Headers, StringComparer.OrdinalIgnoreCase) { ["Host"] = host };
        headers.Remove("Proxy-Authorization");
        headers.Remove("Proxy-Connection");
        return new EngineRequest
        {
            Method = head.Method,
            Scheme = scheme,
            Host = host,
            Path = question >= 0 ? pathAndQuery[..question] : pathAndQuery,
            Query = question >= 0 ? pathAndQuery[question..] : string.Empty,
            Headers = headers,
            Body = body,
            ContentType = head.Header("Content-Type"),
            Transport = "proxy",
        };
    }

    /// <summary>Runs <paramref name="read"/>, cancelled after <paramref name="timeout"/> or when the proxy stops.</summary>
    private async Task<T> WithTimeout<T>(TimeSpan timeout, Func<CancellationToken, Task<T>> read)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        limit.CancelAfter(timeout);
        return await read(limit.Token).ConfigureAwait(false);
    }
}

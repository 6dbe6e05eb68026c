namespace FakeServerless.Proxy;

/// <summary>The bounds on the proxy's connections: how many, how long one may stay quiet, how large a CONNECT may be.</summary>
internal sealed record ProxyLimits
{
    /// <summary>Open client connections in all. A new one past this closes the oldest idle connection; if none is idle, 503.</summary>
    public int MaxConnections { get; init; } = 512;

    /// <summary>
    /// Idle connections one client address may keep open: a connection that goes idle (or opens) past this closes that client's
    /// oldest idle one. So no client can hold the proxy with idle sockets, and a client whose connections are idle is never refused.
    /// </summary>
    public int MaxIdlePerClient { get; init; } = 128;

    /// <summary>A <c>CONNECT</c> request line and its headers.</summary>
    public int MaxConnectHeadBytes { get; init; } = 8 * 1024;

    /// <summary>From accepting a connection to its first request (or CONNECT), and for a TLS handshake.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A kept-alive connection waiting for its next request.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(120);
}

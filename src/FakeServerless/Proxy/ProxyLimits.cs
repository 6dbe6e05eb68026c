namespace FakeServerless.Proxy;

/// <summary>The bounds on what one proxy connection may send and how long it may stay quiet.</summary>
internal static class ProxyLimits
{
    /// <summary>Request line plus headers.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>One chunk-size or trailer line of a chunked body.</summary>
    public const int MaxLineBytes = 4 * 1024;

    /// <summary>A request body (Twilio caps assets and functions far lower).</summary>
    public const long MaxBodyBytes = 64L * 1024 * 1024;

    /// <summary>Open client connections; more are answered 503 and closed.</summary>
    public const int MaxConnections = 512;

    /// <summary>From accepting a connection to its first request head, and for a TLS handshake.</summary>
    public static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A kept-alive connection waiting for its next request.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Reading one request's body.</summary>
    public static readonly TimeSpan BodyTimeout = TimeSpan.FromSeconds(120);
}

namespace FakeServerless.Proxy.Requests;

/// <summary>
/// Something the proxy refuses as a proxy, before it is a request to the fake (a non-Twilio host, a request that is not a proxy
/// request, a malformed CONNECT): answered with <see cref="Status"/> in plain text, then the connection closes. Not journaled.
/// </summary>
internal sealed class ProxyRefusal(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

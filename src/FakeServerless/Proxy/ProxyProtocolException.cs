namespace FakeServerless.Proxy;

/// <summary>A request the proxy refuses before it reaches the engine: answered with <see cref="Status"/>, plain text, then closed.</summary>
internal sealed class ProxyProtocolException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

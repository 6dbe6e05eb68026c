namespace FakeServerless.Benchmarks.Requests;

/// <summary>One thing to measure: a client, the URL it fetches, and what to dispose afterwards.</summary>
internal sealed class RequestTarget(string name, HttpClient client, Uri url, Action? cleanup = null) : IDisposable
{
    public string Name { get; } = name;

    public HttpClient Client { get; } = client;

    public Uri Url { get; } = url;

    /// <summary>A client over a plain <see cref="SocketsHttpHandler"/>: the same for the bare stub and the fake over WireMock.</summary>
    public static HttpClient SocketsClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }, disposeHandler: true);

    public void Dispose()
    {
        Client.Dispose();
        cleanup?.Invoke();
    }
}

namespace FakeServerless.Container.Tests.Support;

/// <summary>Sends every request to <paramref name="target"/> (scheme, host, port), keeping path and query: points the Twilio SDK at the container.</summary>
public sealed class RedirectHandler(Uri target) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri)
        {
            request.RequestUri = new UriBuilder(uri) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}

namespace FakeServerless.Transports;

/// <summary>
/// Sends requests for <c>*.twilio.com</c> (API and upload hosts) to the fake's URL, and requests for <c>*.twil.io</c> to it
/// with their Host header kept, so environment domains resolve. Other hosts pass through untouched.
/// </summary>
internal sealed class RedirectingHandler(Uri fake, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && ShouldRedirect(uri.Host))
        {
            if (uri.Host.EndsWith(".twil.io", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Host = uri.Host;
            }

            request.RequestUri = new UriBuilder(uri) { Scheme = fake.Scheme, Host = fake.Host, Port = fake.Port }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }

    private static bool ShouldRedirect(string host) =>
        host.Equals("twilio.com", StringComparison.OrdinalIgnoreCase) ||
        host.EndsWith(".twilio.com", StringComparison.OrdinalIgnoreCase) ||
        host.EndsWith(".twil.io", StringComparison.OrdinalIgnoreCase);
}

using FakeServerless.Domains;

namespace FakeServerless.Transports;

/// <summary>
/// Adds <c>X-Twilio-Signature</c> to every request for an environment domain (<c>*.twil.io</c>) that has none, as Twilio signs
/// the webhooks it sends: over the public <c>https://</c> URL and, for a form POST, its parameters. Other hosts pass untouched.
/// </summary>
internal sealed class SigningHandler(string authToken, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && DomainServer.IsDomainHost(uri.Host) && !request.Headers.Contains(RequestSignature.Header))
        {
            var parameters = request.Method == HttpMethod.Post && request.Content?.Headers.ContentType?.MediaType == "application/x-www-form-urlencoded"
                ? RequestSignature.FormParameters(await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false))
                : [];
            request.Headers.TryAddWithoutValidation(RequestSignature.Header, RequestSignature.Compute(authToken, RequestSignature.SignedUrl(uri), parameters));
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}

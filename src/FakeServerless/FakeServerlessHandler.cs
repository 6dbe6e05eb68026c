using FakeServerless.Transports;

namespace FakeServerless;

/// <summary>
/// Points your own <see cref="HttpClient"/> at a fake that runs elsewhere (the standalone <c>fake-serverless</c>, a container, a
/// shared fake), as <see cref="FakeServerlessServer.CreateHandler"/> does for a fake in this process.
/// </summary>
public static class FakeServerlessHandler
{
    /// <summary>
    /// A handler that sends requests for <c>*.twilio.com</c> (API and upload hosts) to <paramref name="baseAddress"/>, and requests
    /// for <c>*.twil.io</c> there too with their Host header kept, so environment domains resolve; other hosts pass through.
    /// Pass it to <c>new HttpClient(handler)</c> and that to <c>new SystemNetHttpClient(client)</c> for the Twilio SDK.
    /// </summary>
    /// <param name="baseAddress">Where the fake answers, e.g. <c>http://127.0.0.1:4010</c>.</param>
    /// <param name="innerHandler">Sends the rewritten requests; default: a <see cref="SocketsHttpHandler"/> that follows no redirects and keeps no cookies.</param>
    public static HttpMessageHandler Create(Uri baseAddress, HttpMessageHandler? innerHandler = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        if (!baseAddress.IsAbsoluteUri)
        {
            throw new ArgumentException($"The fake's base address must be absolute (e.g. http://127.0.0.1:4010), not '{baseAddress}'.", nameof(baseAddress));
        }

        return new RedirectingHandler(baseAddress, innerHandler ?? new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
    }
}

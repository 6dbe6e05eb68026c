using System.Net;
using System.Net.Http.Headers;

namespace FakeServerless.Benchmarks.Requests;

/// <summary>
/// Answers every request with the same 200 JSON body and does nothing else: what an in-memory request costs in
/// <see cref="HttpClient"/> alone, the floor under the in-memory fake.
/// </summary>
internal sealed class CannedHandler(byte[] body) : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = content });
    }
}

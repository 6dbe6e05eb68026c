using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using FakeServerless.Routing;

namespace FakeServerless.Transports;

/// <summary>
/// An <see cref="HttpMessageHandler"/> that hands requests straight to the engine: no socket, same route table.
/// Requests keep their own URL (e.g. https://serverless.twilio.com/v1/...), so answers link back to it.
/// </summary>
internal sealed class InMemoryHandler(ServerlessEngine engine) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = string.Join(", ", values);
        }

        byte[] body = [];
        string? contentType = null;
        if (request.Content is not null)
        {
            foreach (var (name, values) in request.Content.Headers)
            {
                headers[name] = string.Join(", ", values);
            }

            contentType = request.Content.Headers.ContentType?.ToString();
            body = await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }

        var host = request.Headers.Host ?? (uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}");
        var response = await engine.HandleAsync(
            new EngineRequest
            {
                Method = request.Method.Method,
                Scheme = uri.Scheme,
                Host = host,
                Path = uri.AbsolutePath,
                Query = uri.Query,
                Headers = headers,
                Body = body,
                ContentType = contentType,
                Transport = "in-memory",
            },
            cancellationToken).ConfigureAwait(false);

        if (response.DropConnection)
        {
            throw new HttpRequestException(
                HttpRequestError.ConnectionError,
                "An error occurred while sending the request.",
                new IOException("Unable to read data from the transport connection: Connection reset by peer.", new SocketException((int)SocketError.ConnectionReset)));
        }

        var message = new HttpResponseMessage((HttpStatusCode)response.Status)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(response.Body),
        };
        if (response.ContentType is not null)
        {
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(response.ContentType);
        }

        foreach (var (name, value) in response.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }
}

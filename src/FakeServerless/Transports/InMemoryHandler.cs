using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using FakeServerless.Routing;
using FakeServerless.Wire;

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
        // NonValidated: the values as they would go on the wire (joined with the header's own separator), without parsing them.
        var headers = new Dictionary<string, string>(8, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers.NonValidated)
        {
            headers[name] = values.ToString();
        }

        // Read first: computing a content's length records it among its headers, so the copy has it, as the wire would.
        var declared = request.Content?.Headers.ContentLength;
        string? contentType = null;
        if (request.Content is not null)
        {
            foreach (var (name, values) in request.Content.Headers.NonValidated)
            {
                headers[name] = values.ToString();
            }

            contentType = request.Content.Headers.ContentType?.ToString();
        }

        var host = request.Headers.Host ?? (uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}");
        EngineRequest Describe(byte[] body) =>
            new()
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
            };

        EngineResponse response;
        var limit = BodyLimit.For(Describe([]), engine.Options);
        if (declared > limit)
        {
            response = engine.Reject(Describe([]), BodyLimit.TooLarge(limit, declared));
        }
        else if (request.Content is null)
        {
            response = await engine.HandleAsync(Describe([]), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Read at most the limit: a stream without a length (or lying about it) is cut off, never buffered whole.
            var stream = await request.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            response = await BodyLimit.ReadAsync(stream, limit, declared, cancellationToken).ConfigureAwait(false) is { } body
                ? await engine.HandleAsync(Describe(body), cancellationToken).ConfigureAwait(false)
                : engine.Reject(Describe([]), BodyLimit.TooLarge(limit, declared));
        }

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
        if (response.WireContentType is { } wireType)
        {
            message.Content.Headers.ContentType = wireType == EngineResponse.JsonContentType
                ? new MediaTypeHeaderValue(EngineResponse.JsonContentType) // most answers: skip the parser
                : MediaTypeHeaderValue.Parse(wireType);
        }

        foreach (var (name, value) in response.Headers)
        {
            if (!HeaderText.IsWritable(name, value))
            {
                continue;
            }

            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using FakeServerless.Engine;
using FakeServerless.Messages;

namespace FakeServerless.Transports;

/// <summary>
/// An <see cref="HttpMessageHandler"/> that hands requests straight to the engine: no socket, same route table.
/// Requests keep their own URL (e.g. https://serverless.twilio.com/v1/...), so answers link back to it. Like every transport it
/// hands each request to the <see cref="FrontDoor"/>, which reads the content stream (never more than the size limit).
/// </summary>
internal sealed class InMemoryHandler(FrontDoor frontDoor) : HttpMessageHandler
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

        if (request.Headers.TransferEncodingChunked == true)
        {
            headers.Remove("Content-Length"); // as on the wire: a chunked body is sent without its length
            declared = null;
        }

        var incoming = new IncomingRequest
        {
            Method = request.Method.Method,
            Scheme = uri.Scheme,
            Host = headers.TryGetValue("Host", out var sent) ? sent : uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}", // as sent, even unparsable
            Path = uri.AbsolutePath,
            Query = uri.Query,
            Headers = headers,
            ContentType = contentType,
            ContentLength = declared,
            Body = request.Content is null ? null : await request.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false),
            Transport = "in-memory",
        };
        var response = await frontDoor.HandleAsync(incoming, cancellationToken).ConfigureAwait(false);
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
        if (response.ContentType == EngineResponse.JsonContentType)
        {
            message.Content.Headers.ContentType = new MediaTypeHeaderValue(EngineResponse.JsonContentType); // most answers: no parsing
        }
        else if (response.ContentType is not null)
        {
            message.Content.Headers.TryAddWithoutValidation("Content-Type", response.ContentType); // as stored: it need not parse
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

using System.Globalization;
using System.Text;
using FakeServerless.Routing;
using FakeServerless.Wire;
using Microsoft.AspNetCore.WebUtilities;

namespace FakeServerless.Proxy;

/// <summary>Writes HTTP/1.1 answers: the engine's, and the proxy's own plain-text refusals.</summary>
internal static class HttpResponseWriter
{
    // Framing is the proxy's: the engine's headers never set these.
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Length", "Content-Type", "Transfer-Encoding", "Connection", "Keep-Alive",
    };

    public static Task WriteAsync(Stream stream, EngineResponse response, bool headOnly, bool keepAlive, CancellationToken ct)
    {
        var head = new StringBuilder(256);
        StatusLine(head, response.Status);
        foreach (var (name, value) in response.Headers)
        {
            if (!HopHeaders.Contains(name) && HeaderText.IsWritable(name, value))
            {
                head.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }

        if (response.WireContentType is { } contentType)
        {
            head.Append("Content-Type: ").Append(contentType).Append("\r\n");
        }

        return SendAsync(stream, head, response.Body, headOnly, keepAlive, ct);
    }

    /// <summary>A proxy-level answer (refusal, framing error): plain text, and the connection closes after it.</summary>
    public static Task WritePlainAsync(Stream stream, int status, string message, CancellationToken ct)
    {
        var head = new StringBuilder(128);
        StatusLine(head, status);
        head.Append("Content-Type: text/plain; charset=utf-8\r\n");
        return SendAsync(stream, head, Encoding.UTF8.GetBytes(message + "\n"), headOnly: false, keepAlive: false, ct);
    }

    public static async Task WriteRawAsync(Stream stream, string text, CancellationToken ct)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text), ct).ConfigureAwait(false);
        await stream.FlushAsync(ct).ConfigureAwait(false);
    }

    private static void StatusLine(StringBuilder head, int status)
    {
        var reason = ReasonPhrases.GetReasonPhrase(status);
        head.Append("HTTP/1.1 ").Append(status.ToString(CultureInfo.InvariantCulture)).Append(' ')
            .Append(reason.Length > 0 ? reason : "Unknown").Append("\r\n");
    }

    private static async Task SendAsync(Stream stream, StringBuilder head, byte[] body, bool headOnly, bool keepAlive, CancellationToken ct)
    {
        head.Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        head.Append(keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n").Append("\r\n");
        var headBytes = Encoding.Latin1.GetBytes(head.ToString());
        var sendBody = !headOnly && body.Length > 0;

        // One write for small answers: one TLS record, one segment.
        if (sendBody && body.Length <= 16 * 1024)
        {
            var message = new byte[headBytes.Length + body.Length];
            headBytes.CopyTo(message, 0);
            body.CopyTo(message, headBytes.Length);
            await stream.WriteAsync(message, ct).ConfigureAwait(false);
        }
        else
        {
            await stream.WriteAsync(headBytes, ct).ConfigureAwait(false);
            if (sendBody)
            {
                await stream.WriteAsync(body, ct).ConfigureAwait(false);
            }
        }

        await stream.FlushAsync(ct).ConfigureAwait(false);
    }
}

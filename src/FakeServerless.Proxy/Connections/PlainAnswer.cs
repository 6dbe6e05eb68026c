using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace FakeServerless.Proxy.Connections;

/// <summary>The proxy's own answers before any HTTP request is read (CONNECT, refusals): raw HTTP/1.1 on the connection.</summary>
internal static class PlainAnswer
{
    public static readonly byte[] ConnectionEstablished = "HTTP/1.1 200 Connection Established\r\n\r\n"u8.ToArray();

    /// <summary>A refusal in plain text; the connection closes after it.</summary>
    public static async Task WriteAsync(PipeWriter output, int status, string message)
    {
        var body = Encoding.UTF8.GetBytes("FakeServerless proxy: " + message + "\n");
        var reason = ReasonPhrases.GetReasonPhrase(status);
        var head = string.Create(CultureInfo.InvariantCulture,
            $"HTTP/1.1 {status} {(reason.Length > 0 ? reason : "Unknown")}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        await output.WriteAsync(Encoding.ASCII.GetBytes(head)).ConfigureAwait(false);
        await output.WriteAsync(body).ConfigureAwait(false);
    }
}

using System.Net.Sockets;
using System.Text;

namespace FakeServerless.Tests.Support;

/// <summary>Exactly the bytes a hostile client would send, over a raw <see cref="TcpClient"/>, and the answer as it came back.</summary>
public static class RawHttp
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>A parsed answer: status code, header block, body text.</summary>
    public sealed record Answer(int Status, string Head, string Body)
    {
        public string? Header(string name) =>
            Head.Split("\r\n").Skip(1).Select(l => l.Split(':', 2)).FirstOrDefault(p => p.Length == 2 && p[0].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))?[1].Trim();
    }

    /// <summary>Sends <paramref name="request"/> (HTTP/1.x text) to <paramref name="server"/> and reads one answer.</summary>
    public static Task<Answer> SendAsync(Uri server, string request) => SendAsync(server, Encoding.Latin1.GetBytes(request));

    public static async Task<Answer> SendAsync(Uri server, byte[] request, Func<NetworkStream, Task>? thenSend = null)
    {
        using var client = new TcpClient();
        using var cts = new CancellationTokenSource(Timeout);
        await client.ConnectAsync(server.Host, server.Port, cts.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(request, cts.Token);
        if (thenSend is not null)
        {
            await thenSend(stream);
        }

        return await ReadAsync(stream, cts.Token);
    }

    /// <summary>Sends one byte every half second, <paramref name="count"/> times: slower than any server's minimum data rate.</summary>
    public static async Task TrickleAsync(Stream stream, int count)
    {
        try
        {
            for (var i = 0; i < count; i++)
            {
                await stream.WriteAsync("a"u8.ToArray());
                await Task.Delay(500);
            }
        }
        catch (IOException)
        {
            // the server gave up on this client, as it should
        }
    }

    /// <summary>Reads one HTTP/1.x answer: the head, then Content-Length bytes (or up to the close).</summary>
    public static async Task<Answer> ReadAsync(Stream stream, CancellationToken ct)
    {
        var received = new MemoryStream();
        var buffer = new byte[8192];
        int headEnd;
        while ((headEnd = IndexOfHeadEnd(received)) < 0)
        {
            var read = await stream.ReadAsync(buffer, ct);
            if (read == 0)
            {
                throw new IOException($"The connection closed before a full answer head: '{Encoding.Latin1.GetString(received.ToArray())}'");
            }

            received.Write(buffer, 0, read);
        }

        var all = received.ToArray();
        var head = Encoding.Latin1.GetString(all, 0, headEnd);
        var status = int.Parse(head.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        var answer = new Answer(status, head, string.Empty);
        var body = new MemoryStream();
        body.Write(all, headEnd + 4, all.Length - headEnd - 4);
        if (answer.Header("Content-Length") is { } lengthText && long.TryParse(lengthText, out var length))
        {
            while (body.Length < length)
            {
                var read = await stream.ReadAsync(buffer, ct);
                if (read == 0)
                {
                    break;
                }

                body.Write(buffer, 0, read);
            }
        }
        else if (answer.Header("Transfer-Encoding") is { } encoding && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            while (!body.GetBuffer().AsSpan(0, (int)body.Length).EndsWith("0\r\n\r\n"u8))
            {
                var read = await stream.ReadAsync(buffer, ct);
                if (read == 0)
                {
                    break;
                }

                body.Write(buffer, 0, read);
            }

            return answer with { Body = Encoding.UTF8.GetString(Dechunk(body.ToArray())) };
        }
        else
        {
            try
            {
                int read;
                while ((read = await stream.ReadAsync(buffer, ct)) > 0)
                {
                    body.Write(buffer, 0, read);
                }
            }
            catch (IOException)
            {
                // a reset after the answer: keep what came
            }
        }

        return answer with { Body = Encoding.UTF8.GetString(body.ToArray()) };
    }

    private static byte[] Dechunk(byte[] chunked)
    {
        var output = new MemoryStream();
        var position = 0;
        while (position < chunked.Length)
        {
            var lineEnd = chunked.AsSpan(position).IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                break;
            }

            var size = Convert.ToInt32(Encoding.ASCII.GetString(chunked, position, lineEnd).Split(';')[0].Trim(), 16);
            position += lineEnd + 2;
            if (size == 0)
            {
                break;
            }

            output.Write(chunked, position, Math.Min(size, chunked.Length - position));
            position += size + 2;
        }

        return output.ToArray();
    }

    private static int IndexOfHeadEnd(MemoryStream received)
    {
        var span = received.GetBuffer().AsSpan(0, (int)received.Length);
        return span.IndexOf("\r\n\r\n"u8);
    }
}

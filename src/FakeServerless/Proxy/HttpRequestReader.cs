using System.Globalization;
using System.Text;

namespace FakeServerless.Proxy;

/// <summary>
/// Reads HTTP/1.x requests from a stream: the head (bounded by <see cref="ProxyLimits.MaxHeaderBytes"/>), then a body framed by
/// <c>Content-Length</c> or <c>Transfer-Encoding: chunked</c> (bounded by <see cref="ProxyLimits.MaxBodyBytes"/>). Bytes read past
/// one request stay buffered for the next (pipelining and keep-alive).
/// </summary>
internal sealed class HttpRequestReader(Stream stream)
{
    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();

    private readonly byte[] _buffer = new byte[ProxyLimits.MaxHeaderBytes];
    private int _start;
    private int _end;

    /// <summary>Bytes received but not yet consumed.</summary>
    public int Buffered => _end - _start;

    /// <summary>The next request head, or null when the peer closed the connection cleanly between requests.</summary>
    public async Task<RequestHead?> ReadHeadAsync(CancellationToken ct)
    {
        var scanned = 0;
        while (true)
        {
            var window = _buffer.AsSpan(_start, _end - _start);
            var end = window[Math.Max(0, scanned - 3)..].IndexOf(HeadEnd);
            if (end >= 0)
            {
                end += Math.Max(0, scanned - 3);
                var head = Parse(Encoding.Latin1.GetString(window[..end]));
                _start += end + HeadEnd.Length;
                return head;
            }

            scanned = window.Length;
            if (!await FillAsync(ct).ConfigureAwait(false))
            {
                if (Buffered == 0)
                {
                    return null;
                }

                throw new IOException("The connection closed in the middle of a request head.");
            }
        }
    }

    /// <summary>The body of <paramref name="head"/>'s request (empty when it has none).</summary>
    public async Task<byte[]> ReadBodyAsync(RequestHead head, CancellationToken ct)
    {
        if (head.Header("Transfer-Encoding") is { } encoding)
        {
            if (!encoding.Split(',')[^1].Trim().Equals("chunked", StringComparison.OrdinalIgnoreCase))
            {
                throw new ProxyProtocolException(501, $"Transfer-Encoding '{encoding}' is not supported: send chunked or a Content-Length.");
            }

            return await ReadChunkedAsync(ct).ConfigureAwait(false);
        }

        var length = ContentLength(head);
        if (length == 0)
        {
            return [];
        }

        var body = new byte[length];
        await ReadExactlyAsync(body, ct).ConfigureAwait(false);
        return body;
    }

    /// <summary>The declared Content-Length (0 when absent); 400 when malformed, 413 when over the cap.</summary>
    public static long ContentLength(RequestHead head)
    {
        if (head.Header("Content-Length") is not { } value)
        {
            return 0;
        }

        // Repeated equal values ("5, 5") are allowed; anything else is a framing error.
        var values = value.Split(',').Select(v => v.Trim()).Distinct().ToArray();
        if (values.Length != 1 || !long.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            throw new ProxyProtocolException(400, $"Invalid Content-Length '{value}'.");
        }

        return length <= ProxyLimits.MaxBodyBytes
            ? length
            : throw new ProxyProtocolException(413, $"The request body ({length} bytes) is over the fake's limit of {ProxyLimits.MaxBodyBytes} bytes.");
    }

    private static RequestHead Parse(string text)
    {
        var lines = text.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || requestLine[0].Length == 0 || requestLine[1].Length == 0 || requestLine[2] is not ("HTTP/1.1" or "HTTP/1.0"))
        {
            throw new ProxyProtocolException(400, $"Malformed request line '{Truncate(lines[0])}': expected 'METHOD target HTTP/1.1'.");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.AsSpan(1))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0 || line[0] is ' ' or '\t' || line.AsSpan(0, colon).ContainsAny(' ', '\t'))
            {
                throw new ProxyProtocolException(400, $"Malformed header line '{Truncate(line)}'.");
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(' ', '\t');
            headers[name] = headers.TryGetValue(name, out var earlier) ? earlier + ", " + value : value;
        }

        return new RequestHead { Method = requestLine[0], Target = requestLine[1], Version = requestLine[2], Headers = headers };
    }

    private async Task<byte[]> ReadChunkedAsync(CancellationToken ct)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var line = await ReadLineAsync(ct).ConfigureAwait(false);
            var sizeText = line.Split(';')[0].Trim();
            if (!long.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
            {
                throw new ProxyProtocolException(400, $"Invalid chunk size '{Truncate(line)}'.");
            }

            if (size == 0)
            {
                while ((await ReadLineAsync(ct).ConfigureAwait(false)).Length > 0)
                {
                    // trailers are read and ignored
                }

                return body.ToArray();
            }

            if (body.Length + size > ProxyLimits.MaxBodyBytes)
            {
                throw new ProxyProtocolException(413, $"The request body is over the fake's limit of {ProxyLimits.MaxBodyBytes} bytes.");
            }

            var chunk = new byte[size];
            await ReadExactlyAsync(chunk, ct).ConfigureAwait(false);
            body.Write(chunk);
            if ((await ReadLineAsync(ct).ConfigureAwait(false)).Length != 0)
            {
                throw new ProxyProtocolException(400, "A chunk is longer than its declared size.");
            }
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken ct)
    {
        while (true)
        {
            var window = _buffer.AsSpan(_start, _end - _start);
            var newline = window.IndexOf("\r\n"u8);
            if (newline >= 0)
            {
                var line = Encoding.Latin1.GetString(window[..newline]);
                _start += newline + 2;
                return line;
            }

            if (window.Length >= ProxyLimits.MaxLineBytes)
            {
                throw new ProxyProtocolException(400, "A chunk line is too long.");
            }

            if (!await FillAsync(ct).ConfigureAwait(false))
            {
                throw new IOException("The connection closed in the middle of a chunked body.");
            }
        }
    }

    private async Task ReadExactlyAsync(Memory<byte> destination, CancellationToken ct)
    {
        var fromBuffer = Math.Min(Buffered, destination.Length);
        _buffer.AsMemory(_start, fromBuffer).CopyTo(destination);
        _start += fromBuffer;
        if (fromBuffer < destination.Length)
        {
            await stream.ReadExactlyAsync(destination[fromBuffer..], ct).ConfigureAwait(false);
        }
    }

    /// <summary>Reads more bytes into the buffer (compacting it first); false at end of stream. 431 when the buffer is full.</summary>
    private async Task<bool> FillAsync(CancellationToken ct)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            throw new ProxyProtocolException(431, $"The request head is over the fake's limit of {ProxyLimits.MaxHeaderBytes} bytes.");
        }

        var read = await stream.ReadAsync(_buffer.AsMemory(_end), ct).ConfigureAwait(false);
        _end += read;
        return read > 0;
    }

    private static string Truncate(string text) => text.Length <= 100 ? text : text[..100] + "…";
}

using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using FakeServerless.Proxy.Requests;

namespace FakeServerless.Proxy.Connections;

/// <summary>
/// Reads a connection's first bytes to tell a <c>CONNECT</c> (read and consumed here: Kestrel never sees it) from any other
/// request (left unread for Kestrel's HTTP/1.1 parser), deciding as soon as the bytes differ from <c>"CONNECT "</c>.
/// </summary>
internal static class ConnectReader
{
    private static ReadOnlySpan<byte> Method => "CONNECT "u8;

    private static ReadOnlySpan<byte> HeadEnd => "\r\n\r\n"u8;

    private enum Verdict
    {
        NeedMore,
        NotConnect,
        Connect,
    }

    /// <summary>
    /// The CONNECT, or null when the connection starts with another request (nothing consumed) or closed before sending anything.
    /// Throws <see cref="ProxyRefusal"/> for a CONNECT that cannot be served as sent.
    /// </summary>
    public static async ValueTask<ConnectRequest?> ReadAsync(PipeReader input, int maxHeadBytes, CancellationToken ct)
    {
        while (true)
        {
            var result = await input.ReadAsync(ct).ConfigureAwait(false);
            var buffer = result.Buffer;
            var verdict = Examine(buffer, maxHeadBytes, out var consumed, out var connect);
            switch (verdict)
            {
                case Verdict.NotConnect:
                    input.AdvanceTo(buffer.Start);
                    return null;
                case Verdict.Connect:
                    input.AdvanceTo(consumed);
                    return connect;
                default:
                    if (result.IsCompleted)
                    {
                        input.AdvanceTo(buffer.Start);
                        return buffer.IsEmpty ? null : throw new IOException("The connection closed in the middle of a CONNECT request.");
                    }

                    input.AdvanceTo(buffer.Start, buffer.End);
                    break;
            }
        }
    }

    private static Verdict Examine(ReadOnlySequence<byte> buffer, int maxHeadBytes, out SequencePosition consumed, out ConnectRequest? connect)
    {
        consumed = buffer.Start;
        connect = null;
        Span<byte> start = stackalloc byte[8];
        var prefix = start[..(int)Math.Min(buffer.Length, Method.Length)];
        buffer.Slice(0, prefix.Length).CopyTo(prefix);
        if (!Method.StartsWith(prefix))
        {
            return Verdict.NotConnect;
        }

        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> head, HeadEnd, advancePastDelimiter: true))
        {
            return buffer.Length > maxHeadBytes
                ? throw new ProxyRefusal(431, $"The CONNECT request is over the proxy's limit of {maxHeadBytes} bytes.")
                : Verdict.NeedMore;
        }

        if (!reader.End)
        {
            throw new ProxyRefusal(400, "Data was sent after CONNECT before the proxy answered it.");
        }

        var lines = Encoding.Latin1.GetString(head).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || requestLine[1].Length == 0 || requestLine[2] is not ("HTTP/1.1" or "HTTP/1.0") || lines.Skip(1).Any(l => !l.Contains(':')))
        {
            throw new ProxyRefusal(400, $"Malformed CONNECT request '{Truncate(lines[0])}': expected 'CONNECT host:443 HTTP/1.1'.");
        }

        consumed = reader.Position;
        connect = new ConnectRequest(requestLine[1]);
        return Verdict.Connect;
    }

    private static string Truncate(string text) => text.Length <= 100 ? text : text[..100] + "…";
}

using System.Buffers;
using System.Diagnostics;
using FakeServerless.Messages;
using FakeServerless.Wire;
using Microsoft.AspNetCore.Http;

namespace FakeServerless.Engine;

/// <summary>
/// The one place every transport — the WireMock port, the in-memory handler, the proxy — hands its requests to. It decides what
/// the engine never sees: a conflicting framing, a Host no URL can hold (or none: answered as the local address), control
/// characters in a header, a body over the size limit (from Content-Length before reading, or while reading) or sent slower than
/// the minimum rate. Each refusal is answered Twilio-shaped and journaled through <see cref="ServerlessEngine.Reject"/>, the same
/// on every transport. Every answer leaves through <see cref="HeaderValues.MakeWritable"/>, so no transport writes a header that
/// could split a response. A rule added here holds everywhere.
/// </summary>
internal sealed class FrontDoor(ServerlessEngine engine)
{
    private const int ChunkBytes = 81920;

    private const int InitialBufferBytes = 16 * 1024 * 1024;

    private volatile string? _lastUsableHost;

    public ServerlessEngine Engine => engine;

    /// <summary>Admits the request and answers it; a refusal is the answer when it is not admitted.</summary>
    public async Task<EngineResponse> HandleAsync(IncomingRequest request, CancellationToken ct)
    {
        var admission = await AdmitAsync(request, ct).ConfigureAwait(false);
        return admission.Refusal ?? await AnswerAsync(admission.Request!, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks the head, then reads the body (at most up to its limit, no slower than the minimum rate). Either the engine's request,
    /// or the refusal to send (already journaled and writable). Throws <see cref="OperationCanceledException"/> when
    /// <paramref name="ct"/> fires (the client went away: nobody to answer).
    /// </summary>
    public async ValueTask<Admission> AdmitAsync(IncomingRequest request, CancellationToken ct)
    {
        if (CheckHead(request) is { } refused)
        {
            return new Admission(null, Reject(request, refused));
        }

        if (request.Body is null)
        {
            return new Admission(request.ToEngine([]), null);
        }

        var (body, refusal) = await ReadBodyAsync(request, request.Body, ct).ConfigureAwait(false);
        return refusal is null ? new Admission(request.ToEngine(body!), null) : new Admission(null, Reject(request, refusal));
    }

    /// <summary>The engine's answer to an admitted request, made writable.</summary>
    public async Task<EngineResponse> AnswerAsync(EngineRequest request, CancellationToken ct) =>
        Writable(await engine.HandleAsync(request, ct).ConfigureAwait(false));

    /// <summary>Journals and logs a refusal a transport decided itself (e.g. Kestrel's verdict on a body), and makes it writable.</summary>
    public EngineResponse Reject(IncomingRequest request, EngineResponse refusal)
    {
        refusal.Headers["Connection"] = "close"; // the rest of what the client sends on this connection is not read
        return Writable(engine.Reject(request.ToEngine([]), refusal));
    }

    /// <summary>
    /// The rules on the head alone. Null: admitted (a missing Host is then set to the local address).
    /// </summary>
    private EngineResponse? CheckHead(IncomingRequest request)
    {
        var headers = request.Headers;
        if (headers.ContainsKey("Transfer-Encoding") && (headers.ContainsKey("Content-Length") || headers.ContainsKey("X-Content-Length")))
        {
            // RFC 9112 6.3: a request smuggling attempt until proven otherwise; refuse it and close. (Kestrel renames the
            // Content-Length of such a request to X-Content-Length before any code sees it.)
            return EngineResponse.Error(400, 20001, "Bad Request: a request may carry Content-Length or Transfer-Encoding, not both.");
        }

        if (string.IsNullOrWhiteSpace(request.Host))
        {
            // HTTP/1.0 without Host, or an empty Host: answer as the address the client connected to.
            request.Host = LocalAuthority(request);
        }
        else if (!IsUsableHost(request.Host))
        {
            return EngineResponse.Error(400, 20001, "Bad Request: the Host header is not a valid host name.");
        }

        foreach (var (name, value) in headers)
        {
            if (HeaderValues.HasControlCharacter(value))
            {
                return EngineResponse.Error(400, 20001, $"Bad Request: the value of the {LogText.Truncate(LogText.Escape(name))} header holds a control character.");
            }
        }

        var limit = request.MaxBodyBytes(engine);
        return request.ContentLength > limit ? BodyLimit.TooLarge(limit, request.ContentLength) : null;
    }

    /// <summary>
    /// Reads <paramref name="body"/> to its end: null and a 413 as soon as it holds more than the limit, a 408 when it arrives
    /// slower than <see cref="FakeServerlessOptions.MinBodyBytesPerSecond"/> once <see cref="FakeServerlessOptions.BodyGracePeriod"/>
    /// has passed (Kestrel's rule, applied by the fake on every transport).
    /// </summary>
    private async ValueTask<(byte[]? Body, EngineResponse? Refusal)> ReadBodyAsync(IncomingRequest request, Stream body, CancellationToken ct)
    {
        var limit = request.MaxBodyBytes(engine);
        var declared = request.ContentLength;
        var rate = engine.Options.MinBodyBytesPerSecond;
        var grace = engine.Options.BodyGracePeriod;
        // The declared length sizes the buffer only up to a point: a client may declare 2 GB (a state PUT may) and send nothing.
        using var buffer = new MemoryStream(declared is { } length && length <= limit ? (int)Math.Min(length, InitialBufferBytes) : 0);
        using var slow = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var chunk = ArrayPool<byte>.Shared.Rent(declared is { } small && small < ChunkBytes ? Math.Max(1, (int)small) : ChunkBytes);
        var started = Stopwatch.GetTimestamp();
        try
        {
            while (true)
            {
                // The time the bytes so far allow: the grace period, or longer once they were sent fast enough.
                var allowed = rate > 0 ? TimeSpan.FromSeconds(Math.Max(grace.TotalSeconds, buffer.Length / rate)) : Timeout.InfiniteTimeSpan;
                if (allowed != Timeout.InfiniteTimeSpan)
                {
                    var left = allowed - Stopwatch.GetElapsedTime(started);
                    if (left <= TimeSpan.Zero)
                    {
                        return (null, TooSlow());
                    }

                    slow.CancelAfter(left);
                }

                var read = await body.ReadAsync(chunk, slow.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    return (buffer.ToArray(), null);
                }

                if (buffer.Length + read > limit)
                {
                    return (null, BodyLimit.TooLarge(limit, declared));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (OperationCanceledException) when (slow.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return (null, TooSlow());
        }
        catch (BadHttpRequestException ex) when (!ct.IsCancellationRequested)
        {
            // Kestrel's own verdict on the body it reads (a malformed chunk, a body cut short, its own size or rate limit).
            return (null, ex.StatusCode switch
            {
                413 => BodyLimit.TooLarge(limit, declared),
                408 => TooSlow(),
                _ => EngineResponse.Error(400, 20001, $"Bad Request: the request body could not be read: {ex.Message}"),
            });
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static EngineResponse TooSlow() =>
        EngineResponse.Error(408, 20408, "Request Timeout: the request body was sent slower than the server's minimum data rate.");

    /// <summary>The writable form of an answer: headers that cannot be written dropped, an impossible status answered as a 500.</summary>
    private static EngineResponse Writable(EngineResponse response)
    {
        if (!response.DropConnection && response.Status is < 200 or > 599)
        {
            // A 1xx is not a final answer and would leave the client waiting for one; nothing else is a status at all.
            var invalid = EngineResponse.Error(500, 20500, $"Internal Server Error: the answer's status {response.Status} is not a final HTTP status.");
            if (response.Headers.TryGetValue("Twilio-Request-Id", out var id))
            {
                invalid.Headers["Twilio-Request-Id"] = id;
            }

            return invalid;
        }

        return HeaderValues.MakeWritable(response);
    }

    private static string LocalAuthority(IncomingRequest request) =>
        request.LocalAddress switch
        {
            null => "localhost",
            { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } v6 => FormattableString.Invariant($"[{v6}]:{request.LocalPort}"),
            var v4 => FormattableString.Invariant($"{v4}:{request.LocalPort}"),
        };

    /// <summary>Whether a URL can hold <paramref name="host"/>; the last usable one is remembered (clients send the same Host every time).</summary>
    private bool IsUsableHost(string host)
    {
        if (string.Equals(host, _lastUsableHost, StringComparison.Ordinal))
        {
            return true;
        }

        if (HeaderValues.HasControlCharacter(host) || !Uri.TryCreate($"http://{host}/", UriKind.Absolute, out _))
        {
            return false;
        }

        _lastUsableHost = host;
        return true;
    }
}

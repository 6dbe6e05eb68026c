using System.Net;
using FakeServerless.Messages;

namespace FakeServerless.Engine;

/// <summary>
/// A request as a transport received it, before the <see cref="FrontDoor"/>'s checks: its head as sent, and where its body can be
/// read from. Each transport fills one in its own way (Kestrel's <c>HttpContext</c>, an <c>HttpRequestMessage</c>); what happens
/// next is the front door's alone.
/// </summary>
internal sealed class IncomingRequest
{
    public required string Method { get; init; }

    /// <summary><c>http</c> or <c>https</c>.</summary>
    public required string Scheme { get; init; }

    /// <summary>The Host as sent: name and, when not the default, port. Empty when the client sent none.</summary>
    public required string Host { get; set; }

    /// <summary>The raw (still percent-encoded) path.</summary>
    public required string Path { get; init; }

    /// <summary>The raw query string, with or without the leading <c>?</c>.</summary>
    public string Query { get; init; } = string.Empty;

    /// <summary>Every header by name (case-insensitive), repeated ones joined with <c>", "</c>.</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    public string? ContentType { get; init; }

    /// <summary>The declared <c>Content-Length</c>; null when the client declared none (chunked, or no body).</summary>
    public long? ContentLength { get; init; }

    /// <summary>Where the body is read from; null when the request can have none.</summary>
    public Stream? Body { get; init; }

    /// <summary>The address the client connected to, answered as the Host when it sent none; null in memory.</summary>
    public IPAddress? LocalAddress { get; init; }

    public int LocalPort { get; init; }

    /// <summary><c>http</c> (the port), <c>in-memory</c> or <c>proxy</c>, for the journal.</summary>
    public required string Transport { get; init; }

    /// <summary>The most body bytes this request may send: the control API's own limits for a control request, else by content type.</summary>
    public long MaxBodyBytes(ServerlessEngine engine) =>
        engine.MaxBodyBytes(Method, Path, EngineRequest.HostNameOf(Host), ContentType, Headers.TryGetValue("Authorization", out var authorization) ? authorization : null);

    /// <summary>The engine's view of this request with <paramref name="body"/>.</summary>
    public EngineRequest ToEngine(byte[] body) =>
        new()
        {
            Method = Method,
            Scheme = Scheme,
            Host = Host,
            Path = Path,
            Query = Query,
            Headers = Headers,
            Body = body,
            ContentType = ContentType,
            Transport = Transport,
        };
}

namespace FakeServerless.Messages;

/// <summary>A request as the engine sees it, whichever transport brought it.</summary>
internal sealed class EngineRequest
{
    public required string Method { get; init; }

    /// <summary><c>http</c> or <c>https</c>.</summary>
    public required string Scheme { get; init; }

    /// <summary>The Host header: name and, when not the default, port.</summary>
    public required string Host { get; init; }

    /// <summary>The raw (still percent-encoded) path.</summary>
    public required string Path { get; init; }

    /// <summary>The raw query string, with or without the leading <c>?</c>.</summary>
    public string Query { get; init; } = string.Empty;

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public byte[] Body { get; init; } = [];

    public string? ContentType { get; init; }

    /// <summary><c>http</c> (WireMock) or <c>in-memory</c>, for the journal.</summary>
    public required string Transport { get; init; }

    public string? Header(string name) =>
        Headers.TryGetValue(name, out var value) ? value :
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The host name without a port, lower case.</summary>
    public string HostName => HostNameSpan.ToString().ToLowerInvariant();

    /// <summary>The host name without a port, as sent (any case), without allocating.</summary>
    public ReadOnlySpan<char> HostNameSpan => HostNameOf(Host);

    /// <summary>The name part of <paramref name="host"/> (<c>name[:port]</c> or <c>[v6][:port]</c>), without allocating.</summary>
    public static ReadOnlySpan<char> HostNameOf(string host)
    {
        if (host.StartsWith('['))
        {
            return host.AsSpan(0, host.IndexOf(']') + 1);
        }

        var colon = host.LastIndexOf(':');
        return colon >= 0 ? host.AsSpan(0, colon) : host;
    }
}

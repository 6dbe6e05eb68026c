namespace FakeServerless.Proxy;

/// <summary>A parsed HTTP/1.x request line and header block.</summary>
internal sealed class RequestHead
{
    public required string Method { get; init; }

    /// <summary>The request target as sent: origin-form (<c>/v1/…</c>), absolute-form (<c>http://host/…</c>) or authority-form (<c>host:443</c>).</summary>
    public required string Target { get; init; }

    /// <summary><c>HTTP/1.1</c> or <c>HTTP/1.0</c>.</summary>
    public required string Version { get; init; }

    /// <summary>Headers by name (case-insensitive); repeated headers joined with <c>", "</c>.</summary>
    public required Dictionary<string, string> Headers { get; init; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Whether the connection stays open after the answer (HTTP/1.1 unless <c>close</c>; HTTP/1.0 only with <c>keep-alive</c>).</summary>
    public bool KeepAlive
    {
        get
        {
            var connection = Header("Connection");
            return Version == "HTTP/1.1"
                ? connection is null || !HasToken(connection, "close")
                : connection is not null && HasToken(connection, "keep-alive");
        }
    }

    public bool ExpectsContinue =>
        Version == "HTTP/1.1" && Header("Expect") is { } expect && expect.Trim().Equals("100-continue", StringComparison.OrdinalIgnoreCase);

    private static bool HasToken(string list, string token) =>
        list.Split(',').Any(t => t.Trim().Equals(token, StringComparison.OrdinalIgnoreCase));
}

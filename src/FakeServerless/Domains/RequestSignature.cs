using System.Security.Cryptography;
using System.Text;
using FakeServerless.Messages;
using FakeServerless.Wire;

namespace FakeServerless.Domains;

/// <summary>
/// Twilio's request signature (<c>X-Twilio-Signature</c>): base64 of HMAC-SHA1, keyed by the auth token, over the full URL
/// (scheme, host, path and query) followed, for a form POST, by every parameter sorted by name (ordinal), each name then value
/// with no delimiters. A body that is not a form is signed by its URL alone, and when that URL carries <c>bodySHA256</c> the
/// body's SHA-256 (hex) must match it, as every Twilio SDK's <c>RequestValidator</c> checks.
/// </summary>
internal static class RequestSignature
{
    public const string Header = "X-Twilio-Signature";

    private const string FormContentType = "application/x-www-form-urlencoded";
    private const string BodyHashParameter = "bodySHA256";

    /// <summary>The signature of <paramref name="url"/> (exactly as given) with <paramref name="parameters"/> appended.</summary>
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var text = new StringBuilder(url);
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            text.Append(name).Append(value);
        }

        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// The URL a client signs for a request to an environment domain: always <c>https://</c> (Twilio serves domains over HTTPS
    /// only, so a request over the fake's plain port or proxy is checked as its public URL), the host name in lower case without
    /// a port, then the path and query as the client sent them.
    /// </summary>
    public static string SignedUrl(EngineRequest request)
    {
        var query = request.Query.StartsWith('?') ? request.Query[1..] : request.Query;
        var path = string.IsNullOrEmpty(request.Path) ? "/" : request.Path;
        return $"https://{request.HostName}{path}{(query.Length > 0 ? "?" + query : string.Empty)}";
    }

    /// <summary>
    /// <see cref="SignedUrl(EngineRequest)"/> for a URL a client is about to send: <c>https://</c>, the host in lower case, and
    /// the path and query escaped as an <see cref="HttpClient"/> puts them on the wire.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="url"/> is not an absolute URL of an environment domain (<c>*.twil.io</c>).</exception>
    public static string SignedUrl(Uri url)
    {
        if (!url.IsAbsoluteUri || !DomainServer.IsDomainHost(url.Host))
        {
            throw new ArgumentException($"'{url}' is not the URL of an environment domain: sign https://{{domain_name}}/path (a *.twil.io host), the URL Twilio signs, whatever port the request travels through.", nameof(url));
        }

        return $"https://{url.Host.ToLowerInvariant()}{url.PathAndQuery}";
    }

    /// <summary>
    /// Whether <paramref name="request"/> carries a valid signature under <paramref name="authToken"/>. As Twilio's validators
    /// do, the URL is accepted with and without the default port (<c>:443</c>).
    /// </summary>
    public static bool IsValid(EngineRequest request, string authToken)
    {
        var signature = request.Header(Header)?.Trim();
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var url = SignedUrl(request);
        var isForm = IsForm(request);
        if (!isForm && !BodyMatchesItsHash(request))
        {
            return false;
        }

        var parameters = isForm ? FormParameters(Encoding.UTF8.GetString(request.Body)) : [];
        var given = Encoding.UTF8.GetBytes(signature);
        return Matches(given, Compute(authToken, url, parameters)) || Matches(given, Compute(authToken, WithDefaultPort(url, request.HostName), parameters));
    }

    /// <summary>The name and value pairs of a form body (a repeated name gives one pair per value), as they are signed.</summary>
    public static List<KeyValuePair<string, string>> FormParameters(string body)
    {
        var form = new FormData();
        FormParser.ParseUrlEncoded(body, form);
        return [.. form.Values.SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v)))];
    }

    private static bool IsForm(EngineRequest request) =>
        string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase) &&
        request.ContentType?.StartsWith(FormContentType, StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>True when the query has no <c>bodySHA256</c>, or it is the body's SHA-256 in hex (either case).</summary>
    private static bool BodyMatchesItsHash(EngineRequest request)
    {
        var query = new FormData();
        FormParser.ParseUrlEncoded(request.Query, query);
        return query.Get(BodyHashParameter) is not { } expected ||
            string.Equals(expected, Convert.ToHexStringLower(SHA256.HashData(request.Body)), StringComparison.OrdinalIgnoreCase);
    }

    private static string WithDefaultPort(string url, string host)
    {
        var start = "https://".Length + host.Length;
        return string.Concat(url.AsSpan(0, start), ":443", url.AsSpan(start));
    }

    private static bool Matches(byte[] given, string expected) =>
        CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(expected));
}

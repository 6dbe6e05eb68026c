using System.Net;
using FakeServerless.Messages;

namespace FakeServerless.Control;

/// <summary>
/// What keeps a web page from driving the control API (the fake listens on loopback, which every browser on the machine can
/// reach): it answers only on host names that cannot be rebound by DNS, refuses requests a browser marks as cross-site, and reads
/// JSON only when it is sent as <c>application/json</c> (which a page can send to another origin only after a CORS preflight,
/// which the fake never grants). These hold with and without a control token.
/// </summary>
internal sealed class ControlRequestRules
{
    private const string JsonMediaType = "application/json";

    private readonly HashSet<string> _allowedHosts;

    /// <param name="allowedHosts">Host names the control API answers on besides the built-in ones (<see cref="FakeServerlessOptions.AllowedHosts"/>).</param>
    /// <exception cref="ArgumentException">An entry is not a host name.</exception>
    public ControlRequestRules(IEnumerable<string> allowedHosts)
    {
        _allowedHosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var host in allowedHosts)
        {
            _allowedHosts.Add(NormalizeAllowedHost(host));
        }
    }

    /// <summary>Throws the <see cref="ArgumentException"/> of the first entry of <paramref name="allowedHosts"/> that is not a host name.</summary>
    public static void Validate(IEnumerable<string>? allowedHosts)
    {
        foreach (var host in allowedHosts ?? [])
        {
            NormalizeAllowedHost(host);
        }
    }

    /// <summary>
    /// <paramref name="host"/> as <see cref="FakeServerlessOptions.AllowedHosts"/> keeps it: a host name or IP address, lower case, without
    /// port or trailing dot.
    /// </summary>
    /// <exception cref="ArgumentException">It is not a host name.</exception>
    public static string NormalizeAllowedHost(string? host)
    {
        var trimmed = host?.Trim().TrimEnd('.') ?? string.Empty;
        if (!IsHostName(trimmed) && !IPAddress.TryParse(trimmed.Trim('[', ']'), out _))
        {
            throw new ArgumentException(
                $"'{host}' is not a host name: give a name such as twilio-serverless or an address, without scheme or port.", "AllowedHosts");
        }

        return trimmed.ToLowerInvariant();
    }

    /// <summary>Dot-separated labels of letters, digits, '-' and '_' (compose service names may hold '_'), as DNS bounds them.</summary>
    private static bool IsHostName(string name) =>
        name.Length is > 0 and <= 253 &&
        name.Split('.').All(label => label.Length is > 0 and <= 63 && label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));

    /// <summary>The refusal of <paramref name="request"/> for where it comes from, or null when it may go on to the control token.</summary>
    public ControlException? CheckSource(EngineRequest request)
    {
        if (!IsAllowedHost(request))
        {
            return ControlException.Forbidden(
                $"The control API answers only on localhost, IP addresses and the allowed hosts, not on '{LogText.Truncate(LogText.Escape(request.HostName))}' (a page on another site could rebind that name to this fake). " +
                "Add it with --allowed-host (FAKESERVERLESS_ALLOWED_HOSTS) or FakeServerlessOptions.AllowedHosts.");
        }

        if (IsCrossSite(request))
        {
            return ControlException.Forbidden(
                "The control API refuses requests a browser marks as coming from another site (Origin or Sec-Fetch-Site); call it from a script or tool, or from the dashboard on this fake's own address.");
        }

        return null;
    }

    /// <summary>415 for a body that is not sent as <c>application/json</c> (an empty body needs no type); null otherwise.</summary>
    public static ControlException? CheckBody(EngineRequest request) =>
        request.Body.Length > 0 && !IsJson(request.ContentType)
            ? new ControlException(415, 20415, $"The control API reads JSON sent as Content-Type: application/json, not as '{LogText.Truncate(LogText.Escape(request.ContentType ?? "(none)"))}'.")
            : null;

    /// <summary>
    /// A network request (the port) must name a host DNS cannot rebind to this fake: <c>localhost</c>, an IP address, or an allowed
    /// name. The proxy admits only Twilio's hosts, which never resolve to the fake; in memory there is no network.
    /// </summary>
    private bool IsAllowedHost(EngineRequest request)
    {
        if (request.Transport == "in-memory")
        {
            return true;
        }

        var name = request.HostName.TrimEnd('.');
        if (name == "localhost" || _allowedHosts.Contains(name) ||
            IPAddress.TryParse(name.StartsWith('[') && name.EndsWith(']') ? name[1..^1] : name, out _))
        {
            return true;
        }

        return request.Transport == "proxy" && name.EndsWith(".twilio.com", StringComparison.Ordinal);
    }

    /// <summary>
    /// True when the browser says the request comes from another origin: <c>Sec-Fetch-Site</c> other than <c>same-origin</c> or
    /// <c>none</c> (<c>same-site</c> too: another port on localhost is the same site), or an <c>Origin</c> that is not this fake's
    /// own scheme, host and port. Tools send neither header.
    /// </summary>
    private static bool IsCrossSite(EngineRequest request)
    {
        if (request.Header("Sec-Fetch-Site") is { } site &&
            !site.Trim().Equals("same-origin", StringComparison.OrdinalIgnoreCase) && !site.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (request.Header("Origin") is not { } origin)
        {
            return false;
        }

        if (!Uri.TryCreate(origin.Trim(), UriKind.Absolute, out var originUri) || originUri.AbsolutePath is not ("/" or "") ||
            !Uri.TryCreate($"{request.Scheme}://{request.Host}/", UriKind.Absolute, out var own))
        {
            return true; // "null" (a sandboxed frame or file: page) and anything unreadable are another origin
        }

        return !string.Equals(originUri.Scheme, own.Scheme, StringComparison.OrdinalIgnoreCase) ||
            !string.Equals(originUri.IdnHost.TrimEnd('.'), own.IdnHost.TrimEnd('.'), StringComparison.OrdinalIgnoreCase) ||
            originUri.Port != own.Port;
    }

    /// <summary><c>application/json</c>, parameters (such as <c>charset=utf-8</c>) allowed.</summary>
    private static bool IsJson(string? contentType)
    {
        if (contentType is null)
        {
            return false;
        }

        var semicolon = contentType.IndexOf(';');
        var mediaType = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
        return mediaType.Equals(JsonMediaType, StringComparison.OrdinalIgnoreCase);
    }
}

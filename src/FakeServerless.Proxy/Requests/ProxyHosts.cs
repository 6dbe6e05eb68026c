namespace FakeServerless.Proxy.Requests;

/// <summary>Which hosts the proxy serves: Twilio's, and nothing else (it never forwards anywhere).</summary>
internal static class ProxyHosts
{
    public const string Refusal = "only *.twilio.com and *.twil.io (port 443 for CONNECT) are served, from the fake's own state; " +
        "nothing is forwarded to the internet (this is not an open proxy). Add other hosts to NO_PROXY.";

    /// <summary>True for a subdomain of <c>twilio.com</c> or <c>twil.io</c> made of valid DNS labels.</summary>
    public static bool IsServed(string host)
    {
        if (host.Length > 253 || !(host.EndsWith(".twilio.com", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".twil.io", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        foreach (var label in host.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Splits <c>host:port</c> (no IPv6 literals: no Twilio host is one). False when it is not of that form.</summary>
    public static bool TrySplitAuthority(string authority, int defaultPort, out string host, out int port)
    {
        host = authority;
        port = defaultPort;
        var colon = authority.LastIndexOf(':');
        if (colon >= 0)
        {
            host = authority[..colon];
            if (!int.TryParse(authority.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
            {
                return false;
            }
        }

        host = host.ToLowerInvariant();
        return host.Length > 0 && !host.Contains('[') && !host.Contains('@');
    }
}

using System.Net;

namespace FakeServerless.Transports;

/// <summary>The address a client uses to reach a socket bound to an address: loopback for a wildcard bind, else the address itself.</summary>
internal static class ListenAddress
{
    /// <summary><c>http://{address}:{port}/</c>, with 127.0.0.1 for 0.0.0.0 and ::1 for :: (IPv6 in brackets).</summary>
    public static Uri UrlOf(IPAddress bound, int port)
    {
        var reachable = IPAddress.Any.Equals(bound) ? IPAddress.Loopback : IPAddress.IPv6Any.Equals(bound) ? IPAddress.IPv6Loopback : bound;
        return new UriBuilder(Uri.UriSchemeHttp, reachable.ToString(), port).Uri;
    }
}

using System.Net.Sockets;
using System.Text;

namespace FakeServerless.Proxy.Tests.Support;

/// <summary>A bare TCP connection to the proxy, for requests no well-behaved client sends.</summary>
internal static class RawProxyConnection
{
    /// <summary>Sends <paramref name="request"/> as is and returns everything the proxy answers until it closes.</summary>
    public static async Task<string> SendAsync(Uri proxy, string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(proxy.Host, proxy.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        using var answer = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await stream.CopyToAsync(answer, timeout.Token);
        return Encoding.UTF8.GetString(answer.ToArray());
    }
}

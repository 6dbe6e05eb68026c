using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using FakeServerless.Proxy;

namespace FakeServerless.Benchmarks;

/// <summary>
/// The intercepting proxy's cost, from one .NET client in one run: requests per second with keep-alive through the proxy
/// (CONNECT + TLS, decrypted and parsed by the fake) next to the plain API port, and the time of a request on a brand-new TLS
/// connection once the host's certificate is minted (issue 9 targets: proxy ≤ 2× the plain port; new connection &lt; 20 ms).
/// Invoked as <c>dotnet run -c Release --project bench/FakeServerless.Benchmarks -- proxy [requests]</c> (Program.cs dispatches).
/// </summary>
internal static class ProxyBench
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var requests = args.Length > 1 && int.TryParse(args[1], CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 2000;
        var caDirectory = Directory.CreateTempSubdirectory("fakeserverless-bench-ca-").FullName;
        try
        {
            await using var fake = FakeServerlessServer.Start(o =>
            {
                o.UseProxy(0, caDirectory);
                o.JournalCapacity = 100;
            });
            var service = fake.Account().CreateService("bench");
            var url = $"https://serverless.twilio.com/v1/Services/{service.Sid}";
            using var ca = X509CertificateLoader.LoadCertificateFromFile(fake.CertificateAuthorityPath!);

            using var plain = fake.CreateHttpClient();
            using var proxied = new HttpClient(ProxyHandler(fake, ca));
            foreach (var client in new[] { plain, proxied })
            {
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{fake.AccountSid}:{fake.AuthToken}")));
            }

            var plainRate = await RateAsync(plain, url, requests).ConfigureAwait(false);
            var proxyRate = await RateAsync(proxied, url, requests).ConfigureAwait(false);
            var fresh = await NewConnectionTimesAsync(fake, ca, 50).ConfigureAwait(false);

            output.WriteLine($"Proxy benchmark: {requests} sequential GET FetchService per client, keep-alive, after {requests / 10} warm-up");
            output.WriteLine($"  plain port (http, WireMock)   {plainRate,10:0} req/s   {1000 / plainRate,7:0.000} ms/req");
            output.WriteLine($"  proxy (CONNECT + TLS)         {proxyRate,10:0} req/s   {1000 / proxyRate,7:0.000} ms/req");
            output.WriteLine($"  proxy cost per request        {plainRate / proxyRate,10:0.00}x the plain port (target <= 2x)");
            output.WriteLine($"  new TLS connection + request  first {fresh[0].TotalMilliseconds:0.0} ms (mints the leaf); after: median {Median(fresh[1..]):0.0} ms, max {fresh[1..].Max().TotalMilliseconds:0.0} ms (target < 20 ms)");
            return 0;
        }
        finally
        {
            Directory.Delete(caDirectory, recursive: true);
        }
    }

    private static SocketsHttpHandler ProxyHandler(FakeServerlessServer fake, X509Certificate2 ca)
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(ca);
        return new SocketsHttpHandler
        {
            Proxy = new WebProxy(fake.ProxyUrl),
            UseProxy = true,
            UseCookies = false,
            SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy },
        };
    }

    private static async Task<double> RateAsync(HttpClient client, string url, int requests)
    {
        for (var i = 0; i < requests / 10; i++)
        {
            await GetAsync(client, url).ConfigureAwait(false);
        }

        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < requests; i++)
        {
            await GetAsync(client, url).ConfigureAwait(false);
        }

        return requests / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>Each sample: a fresh handler (no pooled connection), so CONNECT, TLS handshake with chain check, then one GET.</summary>
    private static async Task<TimeSpan[]> NewConnectionTimesAsync(FakeServerlessServer fake, X509Certificate2 ca, int count)
    {
        var host = $"fresh-{count}-dev.twil.io"; // a host no earlier request used: the first sample mints its certificate
        var times = new TimeSpan[count];
        for (var i = 0; i < count; i++)
        {
            using var client = new HttpClient(ProxyHandler(fake, ca));
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync($"https://{host}/").ConfigureAwait(false);
            times[i] = Stopwatch.GetElapsedTime(started);
        }

        return times;
    }

    private static async Task GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}");
        }

        await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
    }

    private static double Median(TimeSpan[] times)
    {
        var sorted = times.Order().ToArray();
        return sorted[sorted.Length / 2].TotalMilliseconds;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using FakeServerless.Benchmarks.Requests;
using FakeServerless.Proxy;

namespace FakeServerless.Benchmarks;

/// <summary>
/// The intercepting proxy's cost, from one .NET client in one run: requests per second with keep-alive through the proxy
/// (CONNECT + TLS, decrypted and parsed by the fake) next to the plain API port, sequentially and with 4 concurrent callers, each
/// figure warmed up until the JIT is quiet and the better of <c>runs</c> (interleaved), with the process CPU per request (steadier
/// on a loaded machine); then the time of a request on a brand-new TLS connection once the host's certificate is minted
/// (issue 9 targets: proxy ≤ 2× the plain port; new connection &lt; 20 ms).
/// Invoked as <c>dotnet run -c Release --project bench/FakeServerless.Benchmarks -- proxy [runs]</c> (Program.cs dispatches).
/// </summary>
internal static class ProxyBench
{
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(0.25);
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(1.5);

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var runs = args.Length > 1 && int.TryParse(args[1], CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 2;
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), Math.Max(io, 16));
        var caDirectory = Directory.CreateTempSubdirectory("fakeserverless-bench-ca-").FullName;
        try
        {
            await using var fake = FakeServerlessServer.Start(o =>
            {
                o.UseProxy(0, caDirectory);
                o.JournalCapacity = 100;
            });
            var service = fake.Account().CreateService("bench");
            var url = new Uri($"https://serverless.twilio.com/v1/Services/{service.Sid}");
            using var ca = X509CertificateLoader.LoadCertificateFromFile(fake.CertificateAuthorityPath!);
            var auth = RequestLoop.BasicAuth(fake.AccountSid, fake.AuthToken);

            using var plain = new RequestTarget("plain port (http, WireMock)", fake.CreateHttpClient(), url);
            using var proxied = new RequestTarget("proxy (CONNECT + TLS)", new HttpClient(ProxyHandler(fake, ca)), url);
            var sequential = new Dictionary<RequestTarget, RateResult>();
            var concurrent = new Dictionary<RequestTarget, RateResult>();
            for (var run = 1; run <= runs; run++)
            {
                foreach (var target in new[] { plain, proxied })
                {
                    Console.Error.WriteLine($"Run {run}/{runs}: {target.Name}...");
                    sequential[target] = RateResult.Better(sequential.GetValueOrDefault(target), await RequestLoop.MeasureAsync(target, auth, 1, Warmup, Duration).ConfigureAwait(false));
                    concurrent[target] = RateResult.Better(concurrent.GetValueOrDefault(target), await RequestLoop.MeasureAsync(target, auth, 4, Warmup, Duration).ConfigureAwait(false));
                }
            }

            var fresh = await NewConnectionTimesAsync(fake, ca, 50).ConfigureAwait(false);

            output.WriteLine($"Proxy benchmark: GET FetchService with keep-alive, warm-up until the JIT is quiet, then {Duration.TotalSeconds} s per figure, better of {runs} runs");
            output.WriteLine($"  {"target",-28} {"seq req/s",10} {"seq us/req",11} {"seq CPU us",11} {"4x req/s",10} {"4x us/req",10} {"4x CPU us",10}");
            foreach (var target in new[] { plain, proxied })
            {
                var (seq, con) = (sequential[target], concurrent[target]);
                output.WriteLine($"  {target.Name,-28} {seq.PerSecond,10:0} {seq.MicrosecondsPerRequest,11:0.0} {seq.CpuMicrosecondsPerRequest,11:0.0} {con.PerSecond,10:0} {con.MicrosecondsPerRequest,10:0.0} {con.CpuMicrosecondsPerRequest,10:0.0}");
            }

            output.WriteLine($"  proxy cost per request        {sequential[plain].PerSecond / sequential[proxied].PerSecond,6:0.00}x the plain port sequentially, {concurrent[plain].PerSecond / concurrent[proxied].PerSecond:0.00}x at 4 concurrent (target <= 2x)");
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

    private static double Median(TimeSpan[] times)
    {
        var sorted = times.Order().ToArray();
        return sorted[sorted.Length / 2].TotalMilliseconds;
    }
}

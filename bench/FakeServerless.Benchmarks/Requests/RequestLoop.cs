using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace FakeServerless.Benchmarks.Requests;

/// <summary>
/// The one client loop every target runs: <paramref name="callers"/> tasks, each sending GET with Basic auth and reading the
/// whole body, back to back until a fixed deadline. Raw <see cref="HttpClient"/>, so the client's cost is the same everywhere.
/// </summary>
internal static class RequestLoop
{
    public static AuthenticationHeaderValue BasicAuth(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    /// <summary>One request; throws unless it is a 200 with a body (a benchmark of errors would flatter the fake).</summary>
    public static async Task<byte[]> FetchAsync(HttpClient client, Uri url, AuthenticationHeaderValue auth)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = auth;
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK || body.Length == 0)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
        }

        return body;
    }

    /// <summary>Warms up in rounds of <paramref name="warmup"/> until the JIT is quiet, then measures for <paramref name="duration"/>.</summary>
    public static async Task<RateResult> MeasureAsync(RequestTarget target, AuthenticationHeaderValue auth, int callers, TimeSpan warmup, TimeSpan duration)
    {
        await JitQuiet.WarmUpAsync(() => RunAsync(target, auth, callers, warmup)).ConfigureAwait(false);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var pauseBefore = GC.GetTotalPauseDuration();
        var started = Stopwatch.GetTimestamp();
        var requests = await RunAsync(target, auth, callers, duration).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var pause = GC.GetTotalPauseDuration() - pauseBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        process.Refresh();
        return new RateResult(requests, elapsed, process.TotalProcessorTime - cpuBefore, allocated, pause);
    }

    private static async Task<long> RunAsync(RequestTarget target, AuthenticationHeaderValue auth, int callers, TimeSpan duration)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var loops = new Task<long>[callers];
        for (var i = 0; i < callers; i++)
        {
            loops[i] = Task.Run(async () =>
            {
                long count = 0;
                while (Stopwatch.GetTimestamp() < deadline)
                {
                    await FetchAsync(target.Client, target.Url, auth).ConfigureAwait(false);
                    count++;
                }

                return count;
            });
        }

        return (await Task.WhenAll(loops).ConfigureAwait(false)).Sum();
    }
}

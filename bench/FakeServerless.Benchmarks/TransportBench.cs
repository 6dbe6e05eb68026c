using System.Diagnostics;
using Twilio.Clients;
using Twilio.Http;
using Twilio.Rest.Serverless.V1;

namespace FakeServerless.Benchmarks;

/// <summary>Measures one transport: SDK throughput on one fake, and start-to-first-answer over several fresh fakes.</summary>
internal static class TransportBench
{
    public static async Task<TransportResult> MeasureAsync(FakeServerlessTransport transport, BenchSettings settings)
    {
        var (calls, elapsed, cpu) = await ThroughputAsync(transport, settings).ConfigureAwait(false);
        var starts = await StartsAsync(transport, settings.Starts).ConfigureAwait(false);
        return new TransportResult(
            Name(transport),
            calls,
            elapsed,
            cpu,
            starts[starts.Length / 2],
            starts[0],
            starts[^1]);
    }

    public static string Name(FakeServerlessTransport transport) => transport == FakeServerlessTransport.Http ? "http (WireMock)" : "in-memory";

    private static TwilioRestClient ClientFor(FakeServerlessServer fake) =>
        new(fake.AccountSid, fake.AuthToken, httpClient: new SystemNetHttpClient(fake.CreateHttpClient()));

    private static async Task<(int Calls, TimeSpan Elapsed, TimeSpan Cpu)> ThroughputAsync(FakeServerlessTransport transport, BenchSettings settings)
    {
        await using var fake = FakeServerlessServer.Start(new FakeServerlessOptions { Transport = transport, JournalCapacity = 100 });
        var client = ClientFor(fake);
        for (var i = 0; i < settings.WarmupIterations; i++)
        {
            await SdkMix.RunAsync(fake, client, $"warm-{i}").ConfigureAwait(false);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < settings.Iterations; i++)
        {
            await SdkMix.RunAsync(fake, client, $"bench-{i}").ConfigureAwait(false);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        process.Refresh();
        return (settings.Iterations * SdkMix.CallsPerIteration, elapsed, process.TotalProcessorTime - cpuBefore);
    }

    /// <summary>Sorted times from "start a fresh fake" to "the SDK has its first answer" (one unmeasured start warms up first).</summary>
    private static async Task<TimeSpan[]> StartsAsync(FakeServerlessTransport transport, int count)
    {
        var times = new List<TimeSpan>(count);
        for (var i = -1; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var fake = FakeServerlessServer.Start(new FakeServerlessOptions { Transport = transport });
            try
            {
                await ServiceResource.ReadAsync(client: ClientFor(fake)).ConfigureAwait(false);
                var elapsed = Stopwatch.GetElapsedTime(started);
                if (i >= 0)
                {
                    times.Add(elapsed);
                }
            }
            finally
            {
                await fake.DisposeAsync().ConfigureAwait(false);
            }
        }

        times.Sort();
        return [.. times];
    }
}

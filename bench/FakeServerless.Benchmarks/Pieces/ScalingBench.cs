using System.Diagnostics;
using System.Globalization;

namespace FakeServerless.Benchmarks.Pieces;

/// <summary>
/// Which pieces stop scaling with concurrent callers: each piece of <see cref="RequestPieces"/> run back to back on 1 and on
/// <see cref="Threads"/> dedicated threads for a fixed time (better of two runs), with throughput and process CPU per call.
/// A piece whose rate does not rise while CPU per call does is contending (a lock, a shared counter, a shared cache line).
/// </summary>
internal static class ScalingBench
{
    public const int Threads = 4;

    public static void Run(TextWriter output, BenchSettings settings)
    {
        var pieces = new RequestPieces();
        pieces.Setup();
        try
        {
            var duration = settings.Quick ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromMilliseconds(1000);
            (string Name, Func<object?> Call)[] cases =
            [
                ("whole request (HttpClient in memory)", () => pieces.WholeRequest().GetAwaiter().GetResult()),
                ("HttpClient floor (canned handler)", () => pieces.HttpClientFloor().GetAwaiter().GetResult()),
                ("engine.HandleAsync", () => { pieces.EngineHandle().GetAwaiter().GetResult(); return null; }),
                ("FaultInjector.Decide, no rules", pieces.FaultsDecide),
                ("route handler under the account lock", pieces.Handler),
                ("journal: entry + Add", pieces.Journal),
                ("Twilio-Request-Id (Interlocked)", pieces.RequestId),
                ("JSON of a deployment (no lock)", pieces.Json),
            ];

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Scaling of the pieces: 1 vs {Threads} threads, {duration.TotalSeconds:F1} s each, better of 2 runs ({Environment.ProcessorCount} cores; ideal on 2 idle cores: 2.0x)"));
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| piece                                  | 1 thread calls/s | CPU us/call | {Threads} threads calls/s | CPU us/call | {Threads}/1  |"));
            output.WriteLine("|----------------------------------------|-----------------:|------------:|------------------:|------------:|------:|");
            foreach (var (name, call) in cases)
            {
                Measure(call, 1, TimeSpan.FromMilliseconds(100));
                var one = Best(call, 1, duration);
                var many = Best(call, Threads, duration);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name,-38} | {one.Rate,16:N0} | {one.CpuMicroseconds,11:F2} | {many.Rate,17:N0} | {many.CpuMicroseconds,11:F2} | {many.Rate / one.Rate,4:F2}x |"));
            }
        }
        finally
        {
            pieces.Cleanup();
        }
    }

    private static (double Rate, double CpuMicroseconds) Best(Func<object?> call, int threads, TimeSpan duration)
    {
        var a = Measure(call, threads, duration);
        var b = Measure(call, threads, duration);
        return a.Rate >= b.Rate ? a : b;
    }

    private static (double Rate, double CpuMicroseconds) Measure(Func<object?> call, int threads, TimeSpan duration)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var counts = new long[threads];
        using var start = new Barrier(threads + 1);
        var deadline = 0L;
        var workers = Enumerable.Range(0, threads).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            long n = 0;
            while (Stopwatch.GetTimestamp() < Volatile.Read(ref deadline))
            {
                call();
                n++;
            }

            counts[i] = n;
        }) { IsBackground = true }).ToArray();
        foreach (var worker in workers)
        {
            worker.Start();
        }

        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        Volatile.Write(ref deadline, started + (long)(duration.TotalSeconds * Stopwatch.Frequency));
        start.SignalAndWait();
        foreach (var worker in workers)
        {
            worker.Join();
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        process.Refresh();
        var total = counts.Sum();
        return (total / elapsed.TotalSeconds, (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / total);
    }
}

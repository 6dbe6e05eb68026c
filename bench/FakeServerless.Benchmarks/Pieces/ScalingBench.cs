using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace FakeServerless.Benchmarks.Pieces;

/// <summary>
/// The cost of each piece as process CPU per call (steadier than wall-clock on a loaded machine), and which pieces stop scaling with concurrent callers: each piece of <see cref="RequestPieces"/> run back to back on 1 and on
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
            var cases = Cases(pieces);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Scaling of the pieces: 1 vs {Threads} threads, {duration.TotalSeconds:F1} s each, better of 2 runs ({Environment.ProcessorCount} cores; ideal on 2 idle cores: 2.0x)"));
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| piece                                                  | 1 thread calls/s | CPU us/call | {Threads} threads calls/s | CPU us/call | {Threads}/1  | lock contentions per 1k calls at {Threads} | bytes allocated/call |"));
            output.WriteLine("|--------------------------------------------------------|-----------------:|------------:|------------------:|------------:|------:|------:|------:|");
            foreach (var (name, call) in cases)
            {
                JitQuiet.WarmUp(() => Measure(call, 1, TimeSpan.FromMilliseconds(100)));
                var one = Best(call, 1, duration);
                var many = Best(call, Threads, duration);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name,-54} | {one.Rate,16:N0} | {one.CpuMicroseconds,11:F2} | {many.Rate,17:N0} | {many.CpuMicroseconds,11:F2} | {many.Rate / one.Rate,4:F2}x | {many.ContentionsPer1000,5:F1} | {one.BytesPerCall,5:F0} |"));
            }
        }
        finally
        {
            pieces.Cleanup();
        }
    }

    /// <summary>Every <c>[Benchmark]</c> of <see cref="RequestPieces"/>, in declaration order, as a direct delegate (no reflection per call).</summary>
    private static (string Name, Func<object?> Call)[] Cases(RequestPieces pieces) =>
        typeof(RequestPieces).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<BenchmarkAttribute>()))
            .Where(x => x.Attribute is not null)
            .OrderBy(x => x.Attribute!.SourceCodeLineNumber)
            .Select(x => (x.Attribute!.Description ?? x.Method.Name, Call(pieces, x.Method)))
            .ToArray();

    private static Func<object?> Call(RequestPieces pieces, MethodInfo method)
    {
        if (method.ReturnType == typeof(void))
        {
            var action = method.CreateDelegate<Action>(pieces);
            return () =>
            {
                action();
                return null;
            };
        }

        if (typeof(Task).IsAssignableFrom(method.ReturnType))
        {
            var task = method.CreateDelegate<Func<Task>>(pieces);
            return () =>
            {
                task().GetAwaiter().GetResult();
                return null;
            };
        }

        if (method.ReturnType.IsValueType)
        {
            // Boxing the result (a bool, a TimeSpan) adds a few ns to those tiny pieces only.
            return (Func<object?>)typeof(ScalingBench).GetMethod(nameof(Boxed), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(method.ReturnType)
                .Invoke(null, [method.CreateDelegate(typeof(Func<>).MakeGenericType(method.ReturnType), pieces)])!;
        }

        return method.CreateDelegate<Func<object?>>(pieces);
    }

    private static Func<object?> Boxed<T>(Func<T> call) => () => call();

    private static (double Rate, double CpuMicroseconds, double ContentionsPer1000, double BytesPerCall) Best(Func<object?> call, int threads, TimeSpan duration)
    {
        var a = Measure(call, threads, duration);
        var b = Measure(call, threads, duration);
        return a.Rate >= b.Rate ? a : b;
    }

    private static (double Rate, double CpuMicroseconds, double ContentionsPer1000, double BytesPerCall) Measure(Func<object?> call, int threads, TimeSpan duration)
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
        var contentionsBefore = Monitor.LockContentionCount;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
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
        var contentions = Monitor.LockContentionCount - contentionsBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return (total / elapsed.TotalSeconds, (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / total, contentions * 1000.0 / total, (double)allocated / total);
    }
}

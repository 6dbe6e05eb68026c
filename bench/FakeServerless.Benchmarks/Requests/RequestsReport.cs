using System.Globalization;

namespace FakeServerless.Benchmarks.Requests;

/// <summary>Prints the request-rate table, the ratios issues 6 and 16 state their targets in (PASS/MISS), and the lifecycle times.</summary>
internal static class RequestsReport
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static void Print(TextWriter output, BenchSettings settings, IReadOnlyList<RequestFigures> figures, LifecycleResult lifecycle)
    {
        var (stub, http, memory, floor) = (figures[0], figures[1], figures[2], figures[3]);
        var n = RequestsBench.ConcurrentCallers;
        output.WriteLine(F("FakeServerless request rates: GET one deployment with Basic auth, raw HttpClient ({0}: warm-up in {1:F2} s rounds until the JIT is quiet, then {2:F1} s per figure, best of {4} runs; {3} cores)",
            settings.Quick ? "quick" : "full", settings.RequestWarmup.TotalSeconds, settings.RequestDuration.TotalSeconds, Environment.ProcessorCount, settings.Runs));
        output.WriteLine();
        output.WriteLine(F("| target              | seq req/s | seq us/req | seq CPU us/req | {0}x req/s | {0}x us/req | {0}x CPU us/req | {0}x/seq |", n));
        output.WriteLine("|---------------------|----------:|-----------:|---------------:|---------:|----------:|--------------:|-------:|");
        foreach (var f in figures)
        {
            var name = f == floor ? f.Name + " *" : f.Name;
            output.WriteLine(F("| {0,-19} | {1,9:N0} | {2,10:F1} | {3,14:F1} | {4,8:N0} | {5,9:F1} | {6,13:F1} | {7,5:F2}x |",
                name, f.Sequential.PerSecond, f.Sequential.MicrosecondsPerRequest, f.Sequential.CpuMicrosecondsPerRequest,
                f.Concurrent.PerSecond, f.Concurrent.MicrosecondsPerRequest, f.Concurrent.CpuMicrosecondsPerRequest, f.Scaling));
        }

        output.WriteLine("* reference only: HttpClient over a handler that answers the same bytes and does nothing else (the in-memory floor).");
        output.WriteLine();
        output.WriteLine(F("Garbage collection ({0} GC, {1}): bytes the process allocated per request, and the share of the run all threads were paused",
            System.Runtime.GCSettings.IsServerGC ? "server" : "workstation", System.Runtime.GCSettings.LatencyMode));
        output.WriteLine(F("| target              | seq B/req | seq GC paused | {0}x B/req | {0}x GC paused |", n));
        output.WriteLine("|---------------------|----------:|--------------:|---------:|-------------:|");
        foreach (var f in figures)
        {
            output.WriteLine(F("| {0,-19} | {1,9:N0} | {2,12:F0}% | {3,8:N0} | {4,11:F0}% |",
                f == floor ? f.Name + " *" : f.Name, f.Sequential.BytesPerRequest, f.Sequential.GcPausePercent, f.Concurrent.BytesPerRequest, f.Concurrent.GcPausePercent));
        }

        output.WriteLine();
        output.WriteLine("Targets (issue 6; issue 16 set 4 concurrent over WireMock to <= 1.25x):");
        Ratio(output, "fake over WireMock / bare stub, time per request, sequential", stub.Sequential.PerSecond / http.Sequential.PerSecond, "<=", 1.15);
        Ratio(output, F("fake over WireMock / bare stub, time per request, {0} concurrent", n), stub.Concurrent.PerSecond / http.Concurrent.PerSecond, "<=", 1.25);
        Ratio(output, "in memory / fake over WireMock, throughput, sequential", memory.Sequential.PerSecond / http.Sequential.PerSecond, ">=", 30);
        Ratio(output, F("in memory {0} concurrent / in memory sequential, throughput", n), memory.Scaling, ">=", 1.4);
        output.WriteLine(F("  (info) in memory / fake over WireMock, throughput, {0} concurrent: {1:F1}x", n, memory.Concurrent.PerSecond / http.Concurrent.PerSecond));
        output.WriteLine(F("  (info) the same three by process CPU per request (client + server; steadier when the machine is loaded): {0:F2}x, {1:F2}x, {2:F1}x",
            http.Sequential.CpuMicrosecondsPerRequest / stub.Sequential.CpuMicrosecondsPerRequest,
            http.Concurrent.CpuMicrosecondsPerRequest / stub.Concurrent.CpuMicrosecondsPerRequest,
            http.Sequential.CpuMicrosecondsPerRequest / memory.Sequential.CpuMicrosecondsPerRequest));
        output.WriteLine(F("  (info) engine's own time per in-memory request (fake in memory - HttpClient floor): {0:F1} us sequential, {1:F1} us CPU",
            memory.Sequential.MicrosecondsPerRequest - floor.Sequential.MicrosecondsPerRequest, memory.Sequential.CpuMicrosecondsPerRequest - floor.Sequential.CpuMicrosecondsPerRequest));
        output.WriteLine();
        output.WriteLine("Lifecycle (better of 2 runs):");
        output.WriteLine(F("  Reset(): {0:F1} us per call ({1:N0} calls)", lifecycle.ResetMicroseconds, lifecycle.ResetCalls));
        output.WriteLine(F("  fresh in-memory fake, StartInMemory() + Dispose(): {0:F1} us ({1:N0} fakes)", lifecycle.FreshMicroseconds, lifecycle.FreshCalls));
        output.WriteLine(F("  fresh in-memory fake to its first answer (+ CreateHttpClient() + GET /v1/Services): {0:F1} us", lifecycle.FreshFirstAnswerMicroseconds));
    }

    private static void Ratio(TextWriter output, string what, double value, string op, double target)
    {
        var pass = op == "<=" ? value <= target : value >= target;
        output.WriteLine(F("  {0,-68} {1,6:F2}x  (target {2} {3}x)  {4}", what + ":", value, op, target, pass ? "PASS" : "MISS"));
    }

    private static string F(string format, params object[] args) => string.Format(C, format, args);
}

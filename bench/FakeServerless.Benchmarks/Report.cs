using System.Globalization;

namespace FakeServerless.Benchmarks;

/// <summary>Prints the results as a small table and the ratio line.</summary>
internal static class Report
{
    public static void Print(TextWriter output, BenchSettings settings, TransportResult inMemory, TransportResult http)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Format(c, "FakeServerless benchmark ({0}: {1} warm-up + {2} iterations x {3} SDK calls; {4} starts per transport; {5} cores)",
            settings.Quick ? "quick" : "full", settings.WarmupIterations, settings.Iterations, SdkMix.CallsPerIteration, settings.Starts, Environment.ProcessorCount));
        output.WriteLine();
        output.WriteLine("| transport       | SDK calls/s | us/call | CPU us/call | start to first answer: median (min-max) |");
        output.WriteLine("|-----------------|------------:|--------:|------------:|-----------------------------------------|");
        foreach (var r in new[] { inMemory, http })
        {
            var start = string.Format(c, "{0:F1} ms ({1:F1}-{2:F1} ms)", r.StartMedian.TotalMilliseconds, r.StartMin.TotalMilliseconds, r.StartMax.TotalMilliseconds);
            output.WriteLine(string.Format(c, "| {0,-15} | {1,11:N0} | {2,7:F0} | {3,11:F0} | {4,-39} |", r.Name, r.CallsPerSecond, r.MicrosecondsPerCall, r.CpuMicrosecondsPerCall, start));
        }

        output.WriteLine();
        output.WriteLine(string.Format(c, "ratio in-memory/http: {0:F1}x", inMemory.CallsPerSecond / http.CallsPerSecond));
        output.WriteLine(string.Format(c, "CPU ratio http/in-memory: {0:F1}x", http.CpuMicrosecondsPerCall / inMemory.CpuMicrosecondsPerCall));
        output.WriteLine(string.Format(c, "start ratio http/in-memory: {0:F1}x", http.StartMedian.TotalMilliseconds / inMemory.StartMedian.TotalMilliseconds));
    }
}

namespace FakeServerless.Benchmarks;

/// <summary>What one transport measured.</summary>
internal sealed record TransportResult(
    string Name,
    int Calls,
    TimeSpan Elapsed,
    TimeSpan CpuTime,
    TimeSpan StartMedian,
    TimeSpan StartMin,
    TimeSpan StartMax)
{
    public double CallsPerSecond => Calls / Elapsed.TotalSeconds;

    public double MicrosecondsPerCall => Elapsed.TotalMicroseconds / Calls;

    /// <summary>Process CPU time per call (client and fake together): steadier than wall-clock on a busy machine.</summary>
    public double CpuMicrosecondsPerCall => CpuTime.TotalMicroseconds / Calls;
}

namespace FakeServerless.Benchmarks.Requests;

/// <summary>What one fixed-duration run of one target with some callers measured.</summary>
internal sealed record RateResult(long Requests, TimeSpan Elapsed, TimeSpan Cpu, long AllocatedBytes, TimeSpan GcPause)
{
    /// <summary>Bytes the whole process allocated per request (client and server).</summary>
    public double BytesPerRequest => (double)AllocatedBytes / Requests;

    /// <summary>The share of the run every thread stood still for the garbage collector.</summary>
    public double GcPausePercent => 100 * GcPause.TotalSeconds / Elapsed.TotalSeconds;

    public double PerSecond => Requests / Elapsed.TotalSeconds;

    /// <summary>Wall-clock time per request (across all callers: the inverse of the rate).</summary>
    public double MicrosecondsPerRequest => Elapsed.TotalMicroseconds / Requests;

    /// <summary>Process CPU per request, client and server together: steadier than wall-clock on a busy machine.</summary>
    public double CpuMicrosecondsPerRequest => Cpu.TotalMicroseconds / Requests;

    public static RateResult Better(RateResult? a, RateResult b) => a is null || b.PerSecond > a.PerSecond ? b : a;
}

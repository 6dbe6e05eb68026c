namespace FakeServerless.Benchmarks.Requests;

/// <summary>The best run of one target, sequential and with <see cref="RequestsBench.ConcurrentCallers"/> callers.</summary>
internal sealed record RequestFigures(string Name, RateResult Sequential, RateResult Concurrent)
{
    /// <summary>Throughput with concurrent callers over sequential throughput.</summary>
    public double Scaling => Concurrent.PerSecond / Sequential.PerSecond;
}

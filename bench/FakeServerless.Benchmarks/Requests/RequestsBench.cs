namespace FakeServerless.Benchmarks.Requests;

/// <summary>
/// Runs every target sequentially and with <see cref="ConcurrentCallers"/> callers, <see cref="BenchSettings.Runs"/> times (interleaved, so the machine's noise
/// is spread over all targets), and keeps the best run of each figure.
/// </summary>
internal static class RequestsBench
{
    public const int ConcurrentCallers = 4;

    public static async Task<IReadOnlyList<RequestFigures>> MeasureAsync(BenchSettings settings)
    {
        // Four callers plus Kestrel's own work on 2 cores: without a floor the pool injects threads slowly during the first figures.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), Math.Max(io, 16));

        using var targets = await RequestTargets.CreateAsync().ConfigureAwait(false);
        var sequential = new Dictionary<RequestTarget, RateResult>();
        var concurrent = new Dictionary<RequestTarget, RateResult>();
        for (var run = 1; run <= settings.Runs; run++)
        {
            foreach (var target in targets.All)
            {
                Console.Error.WriteLine($"Run {run}/{settings.Runs}: {target.Name}...");
                var seq = await RequestLoop.MeasureAsync(target, targets.Auth, 1, settings.RequestWarmup, settings.RequestDuration).ConfigureAwait(false);
                sequential[target] = RateResult.Better(sequential.GetValueOrDefault(target), seq);
                var con = await RequestLoop.MeasureAsync(target, targets.Auth, ConcurrentCallers, settings.RequestWarmup, settings.RequestDuration).ConfigureAwait(false);
                concurrent[target] = RateResult.Better(concurrent.GetValueOrDefault(target), con);
            }
        }

        return targets.All.Select(t => new RequestFigures(t.Name, sequential[t], concurrent[t])).ToArray();
    }
}

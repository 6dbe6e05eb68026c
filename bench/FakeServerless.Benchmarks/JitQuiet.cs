using System.Diagnostics;
using System.Runtime;

namespace FakeServerless.Benchmarks;

/// <summary>
/// Warm-up that lasts until the JIT is quiet: on a loaded machine the tier-1 (PGO) compiles run late on a starved background
/// thread, and a fixed warm-up can measure tier-0 code (measured here: 3x the CPU per in-memory request). Rounds repeat until
/// two in a row compile no method, or <see cref="MaxWarmup"/> has passed.
/// </summary>
internal static class JitQuiet
{
    public static readonly TimeSpan MaxWarmup = TimeSpan.FromSeconds(15);

    /// <summary>Runs <paramref name="round"/> at least once and until the JIT is quiet; returns how long that took.</summary>
    public static async Task<TimeSpan> WarmUpAsync(Func<Task> round)
    {
        var started = Stopwatch.GetTimestamp();
        var quietRounds = 0;
        var compiled = JitInfo.GetCompiledMethodCount();
        while (quietRounds < 2 && Stopwatch.GetElapsedTime(started) < MaxWarmup)
        {
            await round().ConfigureAwait(false);
            var now = JitInfo.GetCompiledMethodCount();
            quietRounds = now == compiled ? quietRounds + 1 : 0;
            compiled = now;
        }

        return Stopwatch.GetElapsedTime(started);
    }

    /// <inheritdoc cref="WarmUpAsync(Func{Task})"/>
    public static TimeSpan WarmUp(Action round) =>
        WarmUpAsync(() =>
        {
            round();
            return Task.CompletedTask;
        }).GetAwaiter().GetResult();
}

using System.Diagnostics;

namespace FakeServerless.Benchmarks.Requests;

/// <summary>Times <see cref="FakeServerlessServer.Reset()"/> and a fresh in-memory fake (alone, and up to its first answer).</summary>
internal static class LifecycleBench
{
    public static async Task<LifecycleResult> MeasureAsync(BenchSettings settings)
    {
        var resetCalls = settings.Quick ? 2_000 : 20_000;
        var freshCalls = settings.Quick ? 500 : 5_000;
        var firstAnswerCalls = freshCalls / 5;
        double reset = double.MaxValue, fresh = double.MaxValue, firstAnswer = double.MaxValue;
        for (var run = 0; run < 2; run++)
        {
            reset = Math.Min(reset, Reset(resetCalls));
            fresh = Math.Min(fresh, Fresh(freshCalls));
            firstAnswer = Math.Min(firstAnswer, await FreshFirstAnswerAsync(firstAnswerCalls).ConfigureAwait(false));
        }

        return new LifecycleResult(reset, fresh, firstAnswer, resetCalls, freshCalls);
    }

    /// <summary>Reset of a fake that holds one deployment's worth of state when the loop starts (then little: what a test leaves).</summary>
    private static double Reset(int calls)
    {
        using var fake = FakeServerlessServer.StartInMemory();
        JitQuiet.WarmUp(() =>
        {
            for (var i = 0; i < calls / 10; i++)
            {
                fake.Reset();
            }
        });

        BenchDeployment.Seed(fake);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < calls; i++)
        {
            fake.Reset();
        }

        return Stopwatch.GetElapsedTime(started).TotalMicroseconds / calls;
    }

    /// <summary>StartInMemory() and Dispose(), nothing else.</summary>
    private static double Fresh(int calls)
    {
        JitQuiet.WarmUp(() =>
        {
            for (var i = 0; i < calls / 10; i++)
            {
                FakeServerlessServer.StartInMemory().Dispose();
            }
        });

        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < calls; i++)
        {
            FakeServerlessServer.StartInMemory().Dispose();
        }

        return Stopwatch.GetElapsedTime(started).TotalMicroseconds / calls;
    }

    /// <summary>StartInMemory(), CreateHttpClient(), one GET /v1/Services answered, Dispose().</summary>
    private static async Task<double> FreshFirstAnswerAsync(int calls)
    {
        var auth = RequestLoop.BasicAuth(new FakeServerlessOptions().AccountSid, new FakeServerlessOptions().AuthToken);
        var url = new Uri(FakeServerlessServer.InMemoryUrl, "/v1/Services");
        await JitQuiet.WarmUpAsync(async () =>
        {
            for (var i = 0; i < calls / 10; i++)
            {
                await OnceAsync().ConfigureAwait(false);
            }
        }).ConfigureAwait(false);

        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < calls; i++)
        {
            await OnceAsync().ConfigureAwait(false);
        }

        return Stopwatch.GetElapsedTime(started).TotalMicroseconds / calls;

        async Task OnceAsync()
        {
            using var fake = FakeServerlessServer.StartInMemory();
            await RequestLoop.FetchAsync(fake.CreateHttpClient(), url, auth).ConfigureAwait(false);
        }
    }
}

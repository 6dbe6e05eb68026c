using System.Collections.Concurrent;

namespace FakeServerless.Xunit.V3.Tests;

/// <summary>Lets two tests prove they ran at the same time: each arrives, then waits (bounded) for the other.</summary>
internal static class Rendezvous
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Arrivals = new();

    public static async Task Meet(string me, string other)
    {
        Arrivals.GetOrAdd(me, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        var waited = Arrivals.GetOrAdd(other, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        await waited.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }
}

namespace FakeServerless.Examples.Promotion;

/// <summary>How <see cref="ReleaseManager"/> retries rate-limited calls.</summary>
public sealed class ReleaseManagerOptions
{
    /// <summary>How many times a deployment is attempted in all (1 = no retry). Default 3.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The longest wait between attempts, whatever <c>Retry-After</c> asks for. Default 30 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How a wait is done. Default <see cref="Task.Delay(TimeSpan, CancellationToken)"/>; tests may record it instead.</summary>
    public Func<TimeSpan, CancellationToken, Task> Wait { get; init; } = Task.Delay;
}

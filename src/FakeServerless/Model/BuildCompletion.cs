namespace FakeServerless;

/// <summary>
/// When a new Build moves from <c>building</c> to <c>completed</c> (or <c>failed</c>). The create response always
/// says <c>building</c>, as Twilio's does.
/// </summary>
public sealed record BuildCompletion
{
    private BuildCompletion(BuildCompletionMode mode, int polls, TimeSpan delay)
    {
        Mode = mode;
        Polls = polls;
        Delay = delay;
    }

    /// <summary>The default: the create response says <c>building</c>; every later read sees the build finished.</summary>
    public static BuildCompletion Immediate { get; } = new(BuildCompletionMode.Immediate, 0, TimeSpan.Zero);

    /// <summary>The build stays <c>building</c> until a test completes or fails it (<see cref="FakeServerlessAccount.CompleteBuild"/>).</summary>
    public static BuildCompletion Manual { get; } = new(BuildCompletionMode.Manual, 0, TimeSpan.Zero);

    /// <summary>How this policy decides.</summary>
    public BuildCompletionMode Mode { get; }

    /// <summary>For <see cref="BuildCompletionMode.AfterPolls"/>: the read (fetch of the Build or its Status) that first sees it finished.</summary>
    public int Polls { get; }

    /// <summary>For <see cref="BuildCompletionMode.AfterDelay"/>: the time, on the fake's <see cref="TimeProvider"/>, from creation to finish.</summary>
    public TimeSpan Delay { get; }

    /// <summary>The build finishes on the <paramref name="polls"/>-th read of the Build or its Status (1 = the first read).</summary>
    public static BuildCompletion AfterPolls(int polls)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(polls, 1);
        return new(BuildCompletionMode.AfterPolls, polls, TimeSpan.Zero);
    }

    /// <summary>The build finishes once <paramref name="delay"/> has passed on the fake's clock (advance a <c>FakeTimeProvider</c> to move it).</summary>
    public static BuildCompletion AfterDelay(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new(BuildCompletionMode.AfterDelay, 0, delay);
    }

    /// <summary>The policy with these fields (as exported in a <see cref="FakeServerlessState"/>).</summary>
    internal static BuildCompletion From(BuildCompletionMode mode, int polls, TimeSpan delay) => mode switch
    {
        BuildCompletionMode.Immediate => Immediate,
        BuildCompletionMode.Manual => Manual,
        BuildCompletionMode.AfterPolls => AfterPolls(polls),
        BuildCompletionMode.AfterDelay => AfterDelay(delay),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown build completion mode."),
    };
}

namespace FakeServerless;

/// <summary>One build in a <see cref="FakeServerlessState"/>, with what decides when it finishes.</summary>
public sealed class ExportedBuild
{
    /// <summary>The build as stored (its status as of the last look; reads bring it up to date).</summary>
    public required BuildRecord Build { get; init; }

    /// <summary>How many client reads (polls) it has had while <c>building</c>.</summary>
    public required int Reads { get; init; }

    /// <summary>What it becomes when it finishes on its own: <c>Completed</c>, or <c>Failed</c> if a failure was pending.</summary>
    public required BuildStatus Outcome { get; init; }

    /// <summary>The completion policy it was created under.</summary>
    public required BuildCompletionMode CompletionMode { get; init; }

    /// <summary>For <see cref="BuildCompletionMode.AfterPolls"/>: the read that finishes it.</summary>
    public int CompletionPolls { get; init; }

    /// <summary>For <see cref="BuildCompletionMode.AfterDelay"/>: the time from creation to finish.</summary>
    public TimeSpan CompletionDelay { get; init; }
}

namespace FakeServerless;

/// <summary>The kinds of <see cref="BuildCompletion"/>.</summary>
public enum BuildCompletionMode
{
    /// <summary>Finished from the first read after creation.</summary>
    Immediate,

    /// <summary>Finished on the N-th read of the Build or its Status.</summary>
    AfterPolls,

    /// <summary>Finished after a duration on the fake's clock.</summary>
    AfterDelay,

    /// <summary>Finished only when a test says so.</summary>
    Manual,
}

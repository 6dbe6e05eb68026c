namespace FakeServerless.State;

/// <summary>A build and what decides when it finishes.</summary>
internal sealed class BuildNode(BuildRecord record, BuildCompletion completion, BuildStatus outcome, StoreContext context, int reads = 0)
{
    public BuildRecord Record { get; private set; } = record;

    public BuildCompletion Completion { get; } = completion;

    /// <summary>What the build becomes when it finishes on its own.</summary>
    public BuildStatus Outcome { get; } = outcome;

    public int Reads { get; private set; } = reads;

    /// <summary>
    /// Brings the status up to date; <paramref name="isPoll"/> counts a client read of the Build or its Status.
    /// Never called for the create response, so <see cref="BuildCompletionMode.Immediate"/> finishes on the first look after it.
    /// </summary>
    public BuildRecord Refresh(DateTimeOffset now, bool isPoll)
    {
        if (Record.Status != BuildStatus.Building)
        {
            return Record;
        }

        if (isPoll)
        {
            Reads++;
            context.Mutated(); // a counted poll moves a build that completes after polls towards its end
        }

        if (context.BuildGate.IsPending(Record.Sid))
        {
            return Record; // Node mode is still installing its dependencies or checking its code
        }

        switch (Completion.Mode)
        {
            case BuildCompletionMode.Immediate:
            case BuildCompletionMode.AfterPolls when Reads >= Completion.Polls:
                Finish(Outcome, now);
                break;
            case BuildCompletionMode.AfterDelay when now >= Record.DateCreated + Completion.Delay:
                Finish(Outcome, Record.DateCreated + Completion.Delay);
                break;
        }

        return Record;
    }

    /// <summary>Finishes the build now (manual completion); false when it had already finished.</summary>
    public bool Finish(BuildStatus status, DateTimeOffset now)
    {
        if (Record.Status != BuildStatus.Building)
        {
            return false;
        }

        Record = Record with { Status = status, DateUpdated = now };
        context.Mutated();
        return true;
    }
}

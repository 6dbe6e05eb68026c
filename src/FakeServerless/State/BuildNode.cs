namespace FakeServerless.State;

/// <summary>A build and what decides when it finishes.</summary>
/// <param name="record">The build.</param>
/// <param name="completion">When it finishes on its own.</param>
/// <param name="outcome">What it becomes then.</param>
/// <param name="gate">Node mode's build step: a build it is still preparing does not finish yet.</param>
/// <param name="reads">Polls counted so far.</param>
internal sealed class BuildNode(BuildRecord record, BuildCompletion completion, BuildStatus outcome, BuildGateSlot gate, int reads = 0)
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
    /// <remarks>
    /// A look at a build still <c>building</c> may change it: a poll is counted, the first look after an immediate build finishes
    /// it, a look after an <see cref="BuildCompletionMode.AfterDelay"/> build's delay finishes it. Such a look is a state change
    /// (durable mode logs it); with <paramref name="mayChange"/> false it throws <see cref="StateChangeNeededException"/> before
    /// changing anything, so a read can be run again as a write.
    /// </remarks>
    public BuildRecord Refresh(DateTimeOffset now, bool isPoll, bool mayChange)
    {
        if (Record.Status != BuildStatus.Building)
        {
            return Record;
        }

        var reads = isPoll ? Reads + 1 : Reads;
        DateTimeOffset? finishAt = gate.IsPending(Record.Sid) ? null : Completion.Mode switch // Node mode still installing or checking
        {
            BuildCompletionMode.Immediate => now,
            BuildCompletionMode.AfterPolls when reads >= Completion.Polls => now,
            BuildCompletionMode.AfterDelay when now >= DateMath.Add(Record.DateCreated, Completion.Delay) => DateMath.Add(Record.DateCreated, Completion.Delay), // saturates: a delay past 9999-12-31 never ends
            _ => null,
        };
        if (!mayChange && (isPoll || finishAt is not null))
        {
            throw new StateChangeNeededException();
        }

        Reads = reads;
        if (finishAt is { } at)
        {
            Finish(Outcome, at);
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
        return true;
    }
}

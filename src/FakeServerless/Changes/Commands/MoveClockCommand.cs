namespace FakeServerless.Changes.Commands;

/// <summary>
/// <c>POST /_fake/clock</c>: sets the virtual clock to <see cref="To"/> (the target it computed, so replay needs no earlier
/// time). Replay restores that time even over a clock started later: the data directory's time wins, as with a snapshot.
/// </summary>
internal sealed record MoveClockCommand(DateTimeOffset To) : StateCommand<bool>
{
    public override string? AccountOf() => null;

    public override bool Apply(CommandTarget target)
    {
        if (VirtualClock.Of(target.Backend.Settings.TimeProvider) is not { } clock)
        {
            return false; // started again on another clock: its time is the one given
        }

        if (target.Replaying)
        {
            clock.Restore(To);
        }
        else
        {
            clock.SetNow(To);
        }

        return true;
    }
}

namespace FakeServerless.Clock;

/// <summary>
/// The configured clock, except while durable mode's write path makes a change: then "now" is the one instant written to that
/// change's log row, so replaying the row on restart stamps the same dates and makes the same time-based build decisions.
/// A read running meanwhile may see that instant too: a real reading of the clock, microseconds old.
/// </summary>
internal sealed class PinnedClock(TimeProvider inner) : TimeProvider
{
    private long _pinnedTicks; // 0: not pinned; written only by the holder of the write path's gate

    public TimeProvider Inner { get; } = inner;

    /// <summary>The clock a fake was given: <paramref name="time"/> itself, or the one durable mode wrapped.</summary>
    public static TimeProvider Unwrap(TimeProvider time) => time is PinnedClock pinned ? pinned.Inner : time;

    public override TimeZoneInfo LocalTimeZone => Inner.LocalTimeZone;

    public override long TimestampFrequency => Inner.TimestampFrequency;

    public override DateTimeOffset GetUtcNow()
    {
        var pinned = Volatile.Read(ref _pinnedTicks);
        return pinned == 0 ? Inner.GetUtcNow() : new DateTimeOffset(pinned, TimeSpan.Zero);
    }

    public override long GetTimestamp() => Inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        Inner.CreateTimer(callback, state, dueTime, period);

    public void Pin(DateTimeOffset now) => Volatile.Write(ref _pinnedTicks, now.UtcTicks);

    public void Unpin() => Volatile.Write(ref _pinnedTicks, 0);
}

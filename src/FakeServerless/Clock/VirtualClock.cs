using System.Globalization;

namespace FakeServerless;

/// <summary>
/// A clock that stands still until it is moved: set it as <see cref="FakeServerlessOptions.TimeProvider"/> (or start the
/// standalone fake with <c>--clock virtual</c>) and move it with <see cref="Advance"/>, <see cref="SetNow"/> or the control API's
/// <c>POST /_fake/clock</c>. Every <c>date_*</c> field, time-based build completion and the rate-limit window follow it.
/// It never goes backwards, so dates stay in creation order and a build that finished stays finished. Thread-safe.
/// </summary>
/// <remarks>
/// On a fake in another process (<see cref="FakeServerlessServer.Connect"/>) started with a virtual clock,
/// <c>fake.Options.TimeProvider</c> is that fake's clock: reading and moving it are control API calls.
/// <see cref="TimeProvider.GetTimestamp"/> follows the virtual time too. Timers (<see cref="TimeProvider.CreateTimer"/>) still
/// run on real time: the fake's injected latency is wall-clock by design.
/// </remarks>
public sealed class VirtualClock : TimeProvider
{
    private readonly Clock.IRemoteClock? _remote;
    private long _utcTicks;

    /// <summary>A clock that reads <paramref name="start"/> (converted to UTC) until it is moved.</summary>
    public VirtualClock(DateTimeOffset start) => _utcTicks = start.UtcTicks;

    /// <summary>The virtual clock of a fake in another process: <c>GET</c>/<c>POST /_fake/clock</c>.</summary>
    internal VirtualClock(Clock.IRemoteClock remote) => _remote = remote;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _remote?.ClockNow() ?? new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    /// <inheritdoc />
    public override long GetTimestamp() => _remote is null ? Interlocked.Read(ref _utcTicks) : GetUtcNow().UtcTicks;

    /// <summary>Moves the clock forward by <paramref name="delta"/> and returns the new time.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is negative, or the result is past <see cref="DateTimeOffset.MaxValue"/>.</exception>
    public DateTimeOffset Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        if (_remote is not null)
        {
            return _remote.MoveClock(delta, null);
        }

        while (true)
        {
            var current = Interlocked.Read(ref _utcTicks);
            if (delta.Ticks > DateTimeOffset.MaxValue.UtcTicks - current)
            {
                throw new ArgumentOutOfRangeException(nameof(delta), delta, "The clock would pass DateTimeOffset.MaxValue.");
            }

            if (Interlocked.CompareExchange(ref _utcTicks, current + delta.Ticks, current) == current)
            {
                return new DateTimeOffset(current + delta.Ticks, TimeSpan.Zero);
            }
        }
    }

    /// <summary>Sets the clock to <paramref name="now"/>, which must not be earlier than the time it reads.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="now"/> is earlier than the clock's time.</exception>
    public void SetNow(DateTimeOffset now)
    {
        if (_remote is not null)
        {
            _remote.MoveClock(null, now);
            return;
        }

        while (true)
        {
            var current = Interlocked.Read(ref _utcTicks);
            if (now.UtcTicks < current)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(now), now, $"The virtual clock never goes backwards; it reads {new DateTimeOffset(current, TimeSpan.Zero):O}.");
            }

            if (Interlocked.CompareExchange(ref _utcTicks, now.UtcTicks, current) == current)
            {
                return;
            }
        }
    }

    /// <summary>The virtual clock behind <paramref name="time"/> (itself, or the one durable mode wraps), if any.</summary>
    internal static VirtualClock? Of(TimeProvider time) => Clock.PinnedClock.Unwrap(time) as VirtualClock;

    /// <summary>Sets the clock to <paramref name="now"/>, earlier or later: an imported state brings its own time.</summary>
    internal void Restore(DateTimeOffset now) => Interlocked.Exchange(ref _utcTicks, now.UtcTicks);

    /// <inheritdoc />
    public override string ToString() => GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
}

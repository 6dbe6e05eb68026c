namespace FakeServerless.Clock;

/// <summary>
/// The virtual clock of a fake in another process, as <see cref="VirtualClock"/> reads and moves it. Implemented in <c>Remote/</c>
/// over <c>GET</c>/<c>POST /_fake/clock</c>; the clock's layer knows only this contract, not the control client.
/// </summary>
internal interface IRemoteClock
{
    /// <summary>The remote clock's time.</summary>
    DateTimeOffset ClockNow();

    /// <summary>Moves the remote clock by <paramref name="advance"/>, or to <paramref name="now"/>; answers its new time.</summary>
    DateTimeOffset MoveClock(TimeSpan? advance, DateTimeOffset? now);
}

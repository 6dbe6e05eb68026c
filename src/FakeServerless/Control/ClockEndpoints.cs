using System.Globalization;
using FakeServerless.Changes.Commands;
using FakeServerless.Messages;
using FakeServerless.Routing;

namespace FakeServerless.Control;

/// <summary>
/// <c>GET /_fake/clock</c> (any clock) and <c>POST /_fake/clock</c> with <c>{"advance_seconds":N}</c> or <c>{"now":"…"}</c>,
/// which only a <see cref="VirtualClock"/> accepts (409 otherwise, saying how to start one).
/// </summary>
internal static class ClockEndpoints
{
    private const string HowToStart =
        "Start the standalone fake with --clock virtual, or in process set FakeServerlessOptions.TimeProvider = new VirtualClock(start).";

    public static void Register(ControlRoutes routes)
    {
        routes.Add("GET", "/_fake/clock", "GetClock", RouteEffect.Read, Answer);
        routes.Add("POST", "/_fake/clock", "MoveClock", RouteEffect.Write, Move);
    }

    private static EngineResponse Move(ControlContext ctx)
    {
        var body = ctx.Body.Allow("advance_seconds", "now");
        var advance = body.Number("advance_seconds", 0, TimeSpan.MaxValue.TotalSeconds / 2);
        var nowText = body.String("now");
        if ((advance is null) == (nowText is null))
        {
            throw ControlException.Invalid("Send exactly one of advance_seconds (a number of seconds, at least 0) or now (an ISO 8601 date-time such as 2027-01-01T00:00:00Z).");
        }

        DateTimeOffset? now = null;
        if (nowText is not null)
        {
            now = DateTimeOffset.TryParse(nowText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : throw ControlException.Invalid($"now must be an ISO 8601 date-time such as 2027-01-01T00:00:00Z, but it is '{nowText}'.");
        }

        if (ctx.Engine.Clock is not VirtualClock clock)
        {
            throw ControlException.Conflict($"The fake runs on the system clock, which the control API cannot move. {HowToStart}");
        }

        var current = clock.GetUtcNow();
        var delta = now is null ? TimeSpan.FromSeconds(advance!.Value) : TimeSpan.Zero;
        if (delta.Ticks > DateTimeOffset.MaxValue.UtcTicks - current.UtcTicks)
        {
            throw ControlException.Invalid("advance_seconds would move the clock past the last representable date.");
        }

        var target = now ?? current + delta;
        if (target < current)
        {
            throw ControlException.Invalid($"now must not be earlier than the clock's time ({Format(current)}): the virtual clock never goes backwards.");
        }

        // Durable mode logs the time it moved to (a change of state: the clock is in the export) before moving it.
        ctx.Engine.Writer.Apply(new MoveClockCommand(target));
        return Answer(ctx);
    }

    private static EngineResponse Answer(ControlContext ctx)
    {
        var time = ctx.Engine.Clock;
        return EngineResponse.Json(200, w =>
        {
            w.WriteStartObject();
            w.WriteString("now", Format(time.GetUtcNow()));
            w.WriteBoolean("virtual", time is VirtualClock);
            w.WriteEndObject();
        });
    }

    private static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}

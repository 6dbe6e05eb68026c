using System.Globalization;
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
        routes.Add("GET", "/_fake/clock", "GetClock", Answer);
        routes.Add("POST", "/_fake/clock", "MoveClock", Move);
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

        if (ctx.Server.Options.TimeProvider is not VirtualClock clock)
        {
            throw ControlException.Conflict($"The fake runs on the system clock, which the control API cannot move. {HowToStart}");
        }

        try
        {
            // Durable mode keeps the clock's time in its snapshot: moving it is a change made outside an API request.
            ctx.Server.OutsideRequest(() =>
            {
                if (now is { } target)
                {
                    clock.SetNow(target);
                }
                else
                {
                    clock.Advance(TimeSpan.FromSeconds(advance!.Value));
                }

                ctx.Engine.Backend.ClockMoved();
            });
        }
        catch (ArgumentOutOfRangeException)
        {
            throw now is null
                ? ControlException.Invalid("advance_seconds would move the clock past the last representable date.")
                : ControlException.Invalid($"now must not be earlier than the clock's time ({Format(clock.GetUtcNow())}): the virtual clock never goes backwards.");
        }

        return Answer(ctx);
    }

    private static EngineResponse Answer(ControlContext ctx)
    {
        var time = ctx.Server.Options.TimeProvider;
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

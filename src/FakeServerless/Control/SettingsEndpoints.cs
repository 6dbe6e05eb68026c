using FakeServerless.Messages;
using FakeServerless.Routing;

namespace FakeServerless.Control;

/// <summary>
/// <c>GET /_fake/settings</c>: what a client in another process needs to drive the fake as if it were in its own (the default
/// account and its token, the seed scenarios derive from, whether only exact credentials authenticate, the clock's kind).
/// </summary>
internal static class SettingsEndpoints
{
    public static void Register(ControlRoutes routes) => routes.Add("GET", "/_fake/settings", "GetSettings", RouteEffect.Read, Settings);

    private static EngineResponse Settings(ControlContext ctx)
    {
        var options = ctx.Engine.Options;
        return EngineResponse.Json(200, w =>
        {
            w.WriteStartObject();
            w.WriteString("account_sid", options.AccountSid);
            w.WriteString("auth_token", options.AuthToken);
            w.WriteBoolean("require_exact_credentials", options.RequireExactCredentials);
            w.WriteNumber("seed", options.Seed);
            w.WriteBoolean("virtual_clock", ctx.Engine.Clock is VirtualClock);
            w.WriteNumber("journal_capacity", options.JournalCapacity);
            w.WriteEndObject();
        });
    }
}

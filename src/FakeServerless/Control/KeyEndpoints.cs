using System.Text.Json;
using FakeServerless.Messages;
using FakeServerless.Routing;
using FakeServerless.Wire;

namespace FakeServerless.Control;

/// <summary>
/// <c>POST /_fake/keys</c> <c>{"account_sid":…}</c> creates an API key owned by that account (the HTTP twin of
/// <see cref="FakeServerlessServer.CreateApiKey"/>): Basic <c>{sid}:{secret}</c> then acts on it, as the Twilio CLI's profiles do.
/// <c>GET /_fake/keys</c> lists the keys (<c>?AccountSid=</c> for one account's).
/// </summary>
internal static class KeyEndpoints
{
    public static void Register(ControlRoutes routes)
    {
        routes.Add("POST", "/_fake/keys", "CreateApiKey", RouteEffect.Write, Create);
        routes.Add("GET", "/_fake/keys", "ListApiKeys", RouteEffect.Read, List);
    }

    private static EngineResponse Create(ControlContext ctx)
    {
        var body = ctx.Body.Allow("account_sid");
        var accountSid = ControlContext.CheckAccountSid("account_sid", body.String("account_sid")) ?? ctx.Engine.Options.AccountSid;
        var key = ctx.Engine.CreateApiKey(accountSid); // account_sid checked above: anything thrown here is a bug (500)
        return EngineResponse.Json(201, w => Write(w, key));
    }

    private static EngineResponse List(ControlContext ctx)
    {
        var accountSid = ctx.AccountSidQuery();
        var keys = ctx.Engine.Backend.ApiKeys.Where(k => accountSid is null || k.AccountSid == accountSid).ToList();
        return EngineResponse.Json(200, w => JsonArrays.WriteList(w, "keys", keys, Write));
    }

    private static void Write(Utf8JsonWriter w, ApiKey key)
    {
        w.WriteStartObject();
        w.WriteString("sid", key.Sid);
        w.WriteString("secret", key.Secret);
        w.WriteString("account_sid", key.AccountSid);
        w.WriteEndObject();
    }
}

using FakeServerless.Messages;
using FakeServerless.Routing;
using FakeServerless.State;
using FakeServerless.Wire;

namespace FakeServerless.Operations;

/// <summary>
/// The two calls of Twilio's 2010 API (<c>api.twilio.com</c>) that set the Twilio CLI up (<c>twilio profiles:create</c>,
/// <c>twilio login</c>): fetch the account, to check the credentials, then create the API key the profile stores. An account
/// sees only itself; a key created here is a key of the fake (<see cref="FakeServerlessServer.CreateApiKey"/>), so it
/// authenticates later calls as that account. Dates are RFC 2822, as the 2010 API writes them.
/// </summary>
internal static class AccountOperations
{
    private const string Base = "/2010-04-01/Accounts";

    /// <summary>Twilio's limit on an API key's FriendlyName.</summary>
    private const int MaxFriendlyName = 64;

    public static void Register(RouteTable routes)
    {
        routes.Add("GET", Base + "/{Sid}.json", "FetchAccount", RouteEffect.Read, FetchAccount);
        routes.Add("POST", Base + "/{AccountSid}/Keys.json", "CreateNewKey", RouteEffect.Command, CreateNewKey); // the key minted is logged, not the request
    }

    private static EngineResponse FetchAccount(RouteContext ctx)
    {
        var sid = Own(ctx, "Sid");
        var now = TwilioDate.Rfc2822(ctx.Backend.Now); // the fake keeps no account record: an account exists once it is used
        return EngineResponse.Json(200, w =>
        {
            w.WriteStartObject();
            w.WriteString("auth_token", ctx.Backend.SigningToken);
            w.WriteString("date_created", now);
            w.WriteString("date_updated", now);
            w.WriteString("friendly_name", $"FakeServerless account {sid}");
            w.WriteString("owner_account_sid", sid);
            w.WriteString("sid", sid);
            w.WriteString("status", "active");
            w.WriteStartObject("subresource_uris");
            w.WriteString("keys", $"{Base}/{sid}/Keys.json"); // only what the fake serves
            w.WriteEndObject();
            w.WriteString("type", "Full");
            w.WriteString("uri", $"{Base}/{sid}.json");
            w.WriteEndObject();
        });
    }

    private static EngineResponse CreateNewKey(RouteContext ctx)
    {
        Own(ctx, "AccountSid");
        var friendlyName = ctx.Optional("FriendlyName");
        if (friendlyName?.Length > MaxFriendlyName)
        {
            throw ServerlessException.Invalid($"FriendlyName must be {MaxFriendlyName} characters or less in length.");
        }

        var key = ctx.CreateApiKey(ctx.AccountSid);
        var now = TwilioDate.Rfc2822(ctx.Backend.Now);
        return EngineResponse.Json(201, w =>
        {
            w.WriteStartObject();
            w.WriteString("sid", key.Sid);
            w.WriteString("friendly_name", friendlyName);
            w.WriteString("date_created", now);
            w.WriteString("date_updated", now);
            w.WriteString("secret", key.Secret);
            w.WriteEndObject();
        });
    }

    /// <summary>The Account SID in the path, which must be the account the request authenticated as (another's is 404).</summary>
    private static string Own(RouteContext ctx, string routeValue)
    {
        var sid = ctx.Sid(routeValue, SidPrefix.Account);
        return string.Equals(sid, ctx.AccountSid, StringComparison.Ordinal) ? sid : throw ServerlessException.NotFound();
    }
}

using FakeServerless.Messages;
using FakeServerless.Routing;
using FakeServerless.Wire;

namespace FakeServerless.Operations;

/// <summary>Environments: list, create, fetch, delete (there is no update).</summary>
internal static class EnvironmentOperations
{
    public static void Register(RouteTable routes)
    {
        const string list = "/v1/Services/{ServiceSid}/Environments";
        const string instance = "/v1/Services/{ServiceSid}/Environments/{Sid}";

        routes.Add("GET", list, "ListEnvironment", RouteEffect.Read, ctx =>
            ListResponse.Page(ctx, page => ctx.Backend.ListEnvironments(ctx.AccountSid, ctx.Service(), page), "environments", static r => r.Sid, ResourceJson.Environment));

        routes.Add("POST", list, "CreateEnvironment", RouteEffect.Write, ctx =>
        {
            ctx.Backend.Require(ctx.AccountSid, ctx.Service());
            var record = ctx.Backend.CreateEnvironment(ctx.AccountSid, ctx.Service(), ctx.Required("UniqueName"), ctx.Optional("DomainSuffix"));
            return EngineResponse.Json(201, ctx.Urls, record, ResourceJson.Environment);
        });

        routes.Add("GET", instance, "FetchEnvironment", RouteEffect.Read, ctx =>
            EngineResponse.Json(200, ctx.Urls, ctx.Backend.FetchEnvironment(ctx.AccountSid, ctx.Service(), ctx.Environment("Sid")), ResourceJson.Environment));

        routes.Add("DELETE", instance, "DeleteEnvironment", RouteEffect.Write, ctx =>
        {
            ctx.Backend.DeleteEnvironment(ctx.AccountSid, ctx.Service(), ctx.Environment("Sid"));
            return EngineResponse.NoContent();
        });
    }
}

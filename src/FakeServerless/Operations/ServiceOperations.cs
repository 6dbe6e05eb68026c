using FakeServerless.Messages;
using FakeServerless.Routing;
using FakeServerless.Wire;

namespace FakeServerless.Operations;

/// <summary>Services: list, create, and fetch/update/delete by SID or unique name.</summary>
internal static class ServiceOperations
{
    public static void Register(RouteTable routes)
    {
        const string list = "/v1/Services";
        const string instance = "/v1/Services/{Sid}";

        routes.Add("GET", list, "ListService", RouteEffect.Read, ctx =>
            ListResponse.Page(ctx, page => ctx.Backend.ListServices(ctx.AccountSid, page), "services", static r => r.Sid, ResourceJson.Service));

        routes.Add("POST", list, "CreateService", RouteEffect.Write, ctx =>
        {
            var record = ctx.Backend.CreateService(
                ctx.AccountSid,
                ctx.Required("UniqueName"),
                ctx.Required("FriendlyName"),
                ctx.Bool("IncludeCredentials") ?? true,
                ctx.Bool("UiEditable") ?? false);
            return EngineResponse.Json(201, ctx.Urls, record, ResourceJson.Service);
        });

        routes.Add("GET", instance, "FetchService", RouteEffect.Read, ctx =>
            EngineResponse.Json(200, ctx.Urls, ctx.Backend.FetchService(ctx.AccountSid, ctx.Service("Sid")), ResourceJson.Service));

        routes.Add("POST", instance, "UpdateService", RouteEffect.Write, ctx =>
        {
            var record = ctx.Backend.UpdateService(ctx.AccountSid, ctx.Service("Sid"), ctx.Optional("FriendlyName"), ctx.Bool("IncludeCredentials"), ctx.Bool("UiEditable"));
            return EngineResponse.Json(200, ctx.Urls, record, ResourceJson.Service);
        });

        routes.Add("DELETE", instance, "DeleteService", RouteEffect.Write, ctx =>
        {
            ctx.Backend.DeleteService(ctx.AccountSid, ctx.Service("Sid"));
            return EngineResponse.NoContent();
        });
    }
}

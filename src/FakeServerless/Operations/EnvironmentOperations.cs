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

        routes.Add("GET", list, "ListEnvironment", ctx =>
            ListResponse.Page(ctx, ctx.Service().Environments, "environments", newestFirst: false, static n => n.Record, static r => r.Sid, ResourceJson.Environment));

        routes.Add("POST", list, "CreateEnvironment", ctx =>
        {
            var record = ctx.Account.CreateEnvironment(ctx.Service(), ctx.Required("UniqueName"), ctx.Optional("DomainSuffix"));
            return EngineResponse.Json(201, ctx.Urls, record, ResourceJson.Environment);
        });

        routes.Add("GET", instance, "FetchEnvironment", ctx =>
            EngineResponse.Json(200, ctx.Urls, ctx.Environment(ctx.Service(), "Sid").Record, ResourceJson.Environment));

        routes.Add("DELETE", instance, "DeleteEnvironment", ctx =>
        {
            var service = ctx.Service();
            ctx.Account.DeleteEnvironment(service, ctx.Environment(service, "Sid").Record.Sid);
            return EngineResponse.NoContent();
        });
    }
}

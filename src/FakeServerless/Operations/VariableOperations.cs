using FakeServerless.Routing;
using FakeServerless.State;
using FakeServerless.Wire;

namespace FakeServerless.Operations;

/// <summary>Variables of an environment: list, create, fetch, update, delete.</summary>
internal static class VariableOperations
{
    public static void Register(RouteTable routes)
    {
        const string list = "/v1/Services/{ServiceSid}/Environments/{EnvironmentSid}/Variables";
        const string instance = list + "/{Sid}";

        routes.Add("GET", list, "ListVariable", ctx =>
            ListResponse.Page(ctx, Environment(ctx).Variables, "variables", newestFirst: false, static r => r.Sid, ResourceJson.Variable));

        routes.Add("POST", list, "CreateVariable", ctx =>
        {
            var environment = Environment(ctx);
            var record = ctx.Account.CreateVariable(environment, ctx.Required("Key"), ctx.Required("Value"));
            return EngineResponse.Json(201, ctx.Urls, record, ResourceJson.Variable);
        });

        routes.Add("GET", instance, "FetchVariable", ctx =>
            EngineResponse.Json(200, ctx.Urls, ctx.Account.FindVariable(Environment(ctx), ctx.Sid("Sid", SidPrefix.Variable)), ResourceJson.Variable));

        routes.Add("POST", instance, "UpdateVariable", ctx =>
        {
            var environment = Environment(ctx);
            var record = ctx.Account.UpdateVariable(environment, ctx.Sid("Sid", SidPrefix.Variable), ctx.Optional("Key"), ctx.Optional("Value"));
            return EngineResponse.Json(200, ctx.Urls, record, ResourceJson.Variable);
        });

        routes.Add("DELETE", instance, "DeleteVariable", ctx =>
        {
            ctx.Account.DeleteVariable(Environment(ctx), ctx.Sid("Sid", SidPrefix.Variable));
            return EngineResponse.NoContent();
        });
    }

    private static EnvironmentNode Environment(RouteContext ctx) => ctx.Environment(ctx.Service());
}

using FakeServerless.Messages;
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

        routes.Add("GET", list, "ListVariable", RouteEffect.Read, ctx =>
            ListResponse.Page(ctx, page => ctx.Backend.ListVariables(ctx.AccountSid, ctx.Service(), ctx.Environment(), page), "variables", static r => r.Sid, ResourceJson.Variable));

        routes.Add("POST", list, "CreateVariable", RouteEffect.Write, ctx =>
        {
            var (service, environment) = (ctx.Service(), ctx.Environment());
            ctx.Backend.Require(ctx.AccountSid, service, environment);
            var record = ctx.Backend.CreateVariable(ctx.AccountSid, service, environment, ctx.Required("Key"), ctx.Required("Value"));
            return EngineResponse.Json(201, ctx.Urls, record, ResourceJson.Variable);
        });

        routes.Add("GET", instance, "FetchVariable", RouteEffect.Read, ctx =>
            EngineResponse.Json(200, ctx.Urls, ctx.Backend.FetchVariable(ctx.AccountSid, ctx.Service(), ctx.Environment(), VariableSid(ctx)), ResourceJson.Variable));

        routes.Add("POST", instance, "UpdateVariable", RouteEffect.Write, ctx =>
        {
            var (service, environment) = (ctx.Service(), ctx.Environment());
            ctx.Backend.Require(ctx.AccountSid, service, environment);
            var sid = VariableSid(ctx);
            var record = ctx.Backend.UpdateVariable(ctx.AccountSid, service, environment, sid, ctx.Optional("Key"), ctx.Optional("Value"));
            return EngineResponse.Json(200, ctx.Urls, record, ResourceJson.Variable);
        });

        routes.Add("DELETE", instance, "DeleteVariable", RouteEffect.Write, ctx =>
        {
            ctx.Backend.DeleteVariable(ctx.AccountSid, ctx.Service(), ctx.Environment(), VariableSid(ctx));
            return EngineResponse.NoContent();
        });
    }

    private static string VariableSid(RouteContext ctx) => ctx.Sid("Sid", SidPrefix.Variable);
}

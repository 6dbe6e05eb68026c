using FakeServerless.Messages;
using FakeServerless.Routing;
using FakeServerless.State;
using FakeServerless.Wire;

namespace FakeServerless.Operations;

/// <summary>Deployments: list (newest first), create (with a build, or without to clear), fetch. Immutable.</summary>
internal static class DeploymentOperations
{
    public static void Register(RouteTable routes)
    {
        const string list = "/v1/Services/{ServiceSid}/Environments/{EnvironmentSid}/Deployments";

        routes.Add("GET", list, "ListDeployment", RouteEffect.Read, ctx =>
            ListResponse.Page(ctx, page => ctx.Backend.ListDeployments(ctx.AccountSid, ctx.Service(), ctx.Environment(), page), "deployments", static r => r.Sid, ResourceJson.Deployment));

        routes.Add("POST", list, "CreateDeployment", RouteEffect.Write, ctx =>
        {
            var (service, environment) = (ctx.Service(), ctx.Environment());
            ctx.Backend.Require(ctx.AccountSid, service, environment);
            var buildSid = ctx.OptionalSid("BuildSid", SidPrefix.Build);
            var record = ctx.Backend.CreateDeployment(ctx.AccountSid, service, environment, buildSid, ctx.Bool("IsPlugin") ?? false);
            return EngineResponse.Json(201, ctx.Urls, record, ResourceJson.Deployment);
        });

        routes.Add("GET", list + "/{Sid}", "FetchDeployment", RouteEffect.Read, ctx =>
            EngineResponse.Json(200, ctx.Urls, ctx.Backend.FetchDeployment(ctx.AccountSid, ctx.Service(), ctx.Environment(), ctx.Sid("Sid", SidPrefix.Deployment)), ResourceJson.Deployment));
    }
}

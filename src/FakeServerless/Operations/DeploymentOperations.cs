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

        routes.Add("GET", list, "ListDeployment", ctx =>
            ListResponse.Page(ctx, ctx.Environment(ctx.Service()).Deployments, "deployments", newestFirst: true, static r => r.Sid, ResourceJson.Deployment));

        routes.Add("POST", list, "CreateDeployment", ctx =>
        {
            var service = ctx.Service();
            var environment = ctx.Environment(service);
            var buildSid = ctx.OptionalSid("BuildSid", SidPrefix.Build);
            var record = ctx.Account.CreateDeployment(service, environment, buildSid, ctx.Bool("IsPlugin") ?? false);
            return EngineResponse.Json(201, ctx.Urls, record, ResourceJson.Deployment);
        });

        routes.Add("GET", list + "/{Sid}", "FetchDeployment", ctx =>
            EngineResponse.Json(200, ctx.Urls, ctx.Account.FindDeployment(ctx.Environment(ctx.Service()), ctx.Sid("Sid", SidPrefix.Deployment)), ResourceJson.Deployment));
    }
}

using FakeServerless.Routing;
using FakeServerless.State;
using FakeServerless.Wire;

namespace FakeServerless.Operations;

/// <summary>Functions, their versions (list, fetch, content) and the multipart version upload.</summary>
internal static class FunctionOperations
{
    public static void Register(RouteTable routes)
    {
        const string list = "/v1/Services/{ServiceSid}/Functions";
        const string instance = list + "/{Sid}";
        const string versions = list + "/{FunctionSid}/Versions";

        routes.Add("GET", list, "ListFunction", ctx =>
            ListResponse.Page(ctx, ctx.Service().Functions, "functions", newestFirst: false, static n => n.Record, static r => r.Sid, ResourceJson.Function));

        routes.Add("POST", list, "CreateFunction", ctx =>
            EngineResponse.Json(201, ctx.Urls, ctx.Account.CreateFunction(ctx.Service(), ctx.Required("FriendlyName")), ResourceJson.Function));

        routes.Add("GET", instance, "FetchFunction", ctx =>
            EngineResponse.Json(200, ctx.Urls, ctx.Function(ctx.Service(), "Sid").Record, ResourceJson.Function));

        routes.Add("POST", instance, "UpdateFunction", ctx =>
        {
            var service = ctx.Service();
            var sid = ctx.Function(service, "Sid").Record.Sid;
            return EngineResponse.Json(200, ctx.Urls, ctx.Account.UpdateFunction(service, sid, ctx.Required("FriendlyName")), ResourceJson.Function);
        });

        routes.Add("DELETE", instance, "DeleteFunction", ctx =>
        {
            var service = ctx.Service();
            ctx.Account.DeleteFunction(service, ctx.Function(service, "Sid").Record.Sid);
            return EngineResponse.NoContent();
        });

        routes.Add("GET", versions, "ListFunctionVersion", ctx =>
            ListResponse.Page(ctx, ctx.Function(ctx.Service()).Versions, "function_versions", newestFirst: true, static r => r.Sid, ResourceJson.FunctionVersion));

        routes.Add("POST", versions, "CreateFunctionVersion", ctx =>
        {
            var function = ctx.Function(ctx.Service());
            var upload = Upload.Read(ctx);
            var record = ctx.Account.CreateFunctionVersion(function, upload.Path, upload.Visibility, System.Text.Encoding.UTF8.GetString(upload.Content));
            return EngineResponse.Json(201, ctx.Urls, record, ResourceJson.FunctionVersion);
        });

        routes.Add("GET", versions + "/{Sid}", "FetchFunctionVersion", ctx =>
            EngineResponse.Json(200, ctx.Urls, Version(ctx), ResourceJson.FunctionVersion));

        routes.Add("GET", versions + "/{Sid}/Content", "FetchFunctionVersionContent", ctx =>
            EngineResponse.Json(200, ctx.Urls, Version(ctx), ResourceJson.FunctionVersionContent));
    }

    private static FunctionVersionRecord Version(RouteContext ctx) =>
        ctx.Account.FindFunctionVersion(ctx.Function(ctx.Service()), ctx.Sid("Sid", SidPrefix.Version));
}

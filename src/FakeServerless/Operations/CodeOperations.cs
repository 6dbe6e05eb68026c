using System.Text.Json;
using FakeServerless.Messages;
using FakeServerless.Routing;
using FakeServerless.State;
using FakeServerless.Wire;

namespace FakeServerless.Operations;

/// <summary>
/// Functions and Assets (one set of handlers for both kinds): list, create, fetch, update, delete, their versions (list,
/// fetch) and the multipart version upload. Functions add the version's Content sub-resource.
/// </summary>
internal static class CodeOperations
{
    public static void RegisterFunctions(RouteTable routes)
    {
        var versions = Register(
            routes, CodeKinds.Function, "Functions", "functions", "function_versions", ResourceJson.Function, ResourceJson.FunctionVersion);
        routes.Add("GET", versions + "/{Sid}/Content", "FetchFunctionVersionContent", RouteEffect.Read, ctx =>
            EngineResponse.Json(200, ctx.Urls, FetchVersion(ctx, CodeKinds.Function, "FunctionSid"), ResourceJson.FunctionVersionContent));
    }

    public static void RegisterAssets(RouteTable routes) =>
        Register(routes, CodeKinds.Asset, "Assets", "assets", "asset_versions", ResourceJson.Asset, ResourceJson.AssetVersion);

    /// <returns>The versions list path, for routes only one kind has.</returns>
    private static string Register<TRecord, TVersion>(
        RouteTable routes,
        CodeKind<TRecord, TVersion> kind,
        string segment,
        string key,
        string versionsKey,
        Action<Utf8JsonWriter, ResourceUrls, TRecord> write,
        Action<Utf8JsonWriter, ResourceUrls, TVersion> writeVersion)
        where TRecord : class
        where TVersion : class
    {
        var name = kind.Name;
        var parent = name + "Sid";
        var list = $"/v1/Services/{{ServiceSid}}/{segment}";
        var instance = list + "/{Sid}";
        var versions = $"{list}/{{{parent}}}/Versions";

        routes.Add("GET", list, "List" + name, RouteEffect.Read, ctx =>
            ListResponse.Page(ctx, page => ctx.Backend.ListCode(kind, ctx.AccountSid, ctx.Service(), page), key, kind.Sid, write));

        routes.Add("POST", list, "Create" + name, RouteEffect.Write, ctx =>
        {
            var service = ctx.Service();
            ctx.Backend.Require(ctx.AccountSid, service);
            return EngineResponse.Json(201, ctx.Urls, ctx.Backend.CreateCode(kind, ctx.AccountSid, service, ctx.Required("FriendlyName")), write);
        });

        routes.Add("GET", instance, "Fetch" + name, RouteEffect.Read, ctx =>
            EngineResponse.Json(200, ctx.Urls, ctx.Backend.FetchCode(kind, ctx.AccountSid, ctx.Service(), CodeSid(ctx, "Sid")), write));

        routes.Add("POST", instance, "Update" + name, RouteEffect.Write, ctx =>
        {
            var (service, sid) = (ctx.Service(), CodeSid(ctx, "Sid"));
            ctx.Backend.RequireCode(kind, ctx.AccountSid, service, sid);
            return EngineResponse.Json(200, ctx.Urls, ctx.Backend.UpdateCode(kind, ctx.AccountSid, service, sid, ctx.Required("FriendlyName")), write);
        });

        routes.Add("DELETE", instance, "Delete" + name, RouteEffect.Write, ctx =>
        {
            ctx.Backend.DeleteCode(kind, ctx.AccountSid, ctx.Service(), CodeSid(ctx, "Sid"));
            return EngineResponse.NoContent();
        });

        routes.Add("GET", versions, $"List{name}Version", RouteEffect.Read, ctx =>
            ListResponse.Page(ctx, page => ctx.Backend.ListCodeVersions(kind, ctx.AccountSid, ctx.Service(), CodeSid(ctx, parent), page), versionsKey, kind.VersionSid, writeVersion));

        routes.Add("POST", versions, $"Create{name}Version", RouteEffect.Write, ctx =>
        {
            var (service, sid) = (ctx.Service(), CodeSid(ctx, parent));
            ctx.Backend.RequireCode(kind, ctx.AccountSid, service, sid);
            var upload = Upload.Read(ctx);
            var record = ctx.Backend.CreateCodeVersion(kind, ctx.AccountSid, service, sid, upload.Path, upload.Visibility, upload.Content, upload.ContentType);
            return EngineResponse.Json(201, ctx.Urls, record, writeVersion);
        });

        routes.Add("GET", versions + "/{Sid}", $"Fetch{name}Version", RouteEffect.Read, ctx =>
            EngineResponse.Json(200, ctx.Urls, FetchVersion(ctx, kind, parent), writeVersion));

        return versions;
    }

    private static TVersion FetchVersion<TRecord, TVersion>(RouteContext ctx, CodeKind<TRecord, TVersion> kind, string parent)
        where TRecord : class
        where TVersion : class =>
        ctx.Backend.FetchCodeVersion(kind, ctx.AccountSid, ctx.Service(), CodeSid(ctx, parent), ctx.Sid("Sid", SidPrefix.Version));

    private static string CodeSid(RouteContext ctx, string routeValue) => ctx.Sid(routeValue, SidPrefix.FunctionOrAsset);
}

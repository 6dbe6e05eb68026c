using FakeServerless.Routing;
using FakeServerless.State;
using FakeServerless.Wire;

namespace FakeServerless.Operations;

/// <summary>Assets, their versions (list, fetch) and the multipart version upload.</summary>
internal static class AssetOperations
{
    public static void Register(RouteTable routes)
    {
        const string list = "/v1/Services/{ServiceSid}/Assets";
        const string instance = list + "/{Sid}";
        const string versions = list + "/{AssetSid}/Versions";

        routes.Add("GET", list, "ListAsset", ctx =>
            ListResponse.Page(ctx, ctx.Service().Assets, "assets", newestFirst: false, static n => n.Record, static r => r.Sid, ResourceJson.Asset));

        routes.Add("POST", list, "CreateAsset", ctx =>
            EngineResponse.Json(201, ctx.Urls, ctx.Account.CreateAsset(ctx.Service(), ctx.Required("FriendlyName")), ResourceJson.Asset));

        routes.Add("GET", instance, "FetchAsset", ctx =>
            EngineResponse.Json(200, ctx.Urls, ctx.Asset(ctx.Service(), "Sid").Record, ResourceJson.Asset));

        routes.Add("POST", instance, "UpdateAsset", ctx =>
        {
            var service = ctx.Service();
            var sid = ctx.Asset(service, "Sid").Record.Sid;
            return EngineResponse.Json(200, ctx.Urls, ctx.Account.UpdateAsset(service, sid, ctx.Required("FriendlyName")), ResourceJson.Asset);
        });

        routes.Add("DELETE", instance, "DeleteAsset", ctx =>
        {
            var service = ctx.Service();
            ctx.Account.DeleteAsset(service, ctx.Asset(service, "Sid").Record.Sid);
            return EngineResponse.NoContent();
        });

        routes.Add("GET", versions, "ListAssetVersion", ctx =>
            ListResponse.Page(ctx, ctx.Asset(ctx.Service()).Versions, "asset_versions", newestFirst: true, static r => r.Sid, ResourceJson.AssetVersion));

        routes.Add("POST", versions, "CreateAssetVersion", ctx =>
        {
            var asset = ctx.Asset(ctx.Service());
            var upload = Upload.Read(ctx);
            var record = ctx.Account.CreateAssetVersion(asset, upload.Path, upload.Visibility, upload.Content, upload.ContentType);
            return EngineResponse.Json(201, ctx.Urls, record, ResourceJson.AssetVersion);
        });

        routes.Add("GET", versions + "/{Sid}", "FetchAssetVersion", ctx =>
            EngineResponse.Json(
                200,
                ctx.Urls,
                ctx.Account.FindAssetVersion(ctx.Asset(ctx.Service()), ctx.Sid("Sid", SidPrefix.Version)),
                ResourceJson.AssetVersion));
    }
}

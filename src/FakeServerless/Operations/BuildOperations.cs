using System.Text.Json;
using FakeServerless.Messages;
using FakeServerless.Routing;
using FakeServerless.State;
using FakeServerless.Wire;

namespace FakeServerless.Operations;

/// <summary>Builds: list (newest first), create, fetch, delete, and the Status sub-resource.</summary>
internal static class BuildOperations
{
    public static void Register(RouteTable routes)
    {
        const string list = "/v1/Services/{ServiceSid}/Builds";
        const string instance = list + "/{Sid}";

        routes.Add("GET", list, "ListBuild", RouteEffect.Poll, ctx =>
            ListResponse.Page(ctx, page => ctx.Backend.ListBuilds(ctx.AccountSid, ctx.Service(), page, ctx.MayChange), "builds", static r => r.Sid, ResourceJson.Build));

        routes.Add("POST", list, "CreateBuild", RouteEffect.Write, ctx =>
        {
            var service = ctx.Service();
            ctx.Backend.Require(ctx.AccountSid, service);
            var functionVersions = SidList(ctx, "FunctionVersions");
            var assetVersions = SidList(ctx, "AssetVersions");
            var dependencies = ParseDependencies(ctx.Optional("Dependencies"));
            var record = ctx.Backend.CreateBuild(ctx.AccountSid, service, functionVersions, assetVersions, dependencies, ctx.Optional("Runtime"));
            return EngineResponse.Json(201, ctx.Urls, record, ResourceJson.Build);
        });

        routes.Add("GET", instance, "FetchBuild", RouteEffect.Poll, ctx =>
            EngineResponse.Json(200, ctx.Urls, Poll(ctx), ResourceJson.Build));

        routes.Add("DELETE", instance, "DeleteBuild", RouteEffect.Write, ctx =>
        {
            ctx.Backend.DeleteBuild(ctx.AccountSid, ctx.Service(), ctx.Sid("Sid", SidPrefix.Build));
            return EngineResponse.NoContent();
        });

        routes.Add("GET", instance + "/Status", "FetchBuildStatus", RouteEffect.Poll, ctx =>
            EngineResponse.Json(200, ctx.Urls, Poll(ctx), ResourceJson.BuildStatus));
    }

    private static BuildRecord Poll(RouteContext ctx) => ctx.Backend.PollBuild(ctx.AccountSid, ctx.Service(), ctx.Sid("Sid", SidPrefix.Build), ctx.MayChange);

    private static List<string> SidList(RouteContext ctx, string name)
    {
        var values = ctx.Params.GetAll(name).Where(v => v.Length > 0).ToList();
        foreach (var value in values.Where(v => !SidPrefix.IsSid(v, SidPrefix.Version)))
        {
            throw ServerlessException.Invalid($"{name} must be Version SIDs (ZN followed by 32 hexadecimal digits), but one was '{value}'.");
        }

        return values;
    }

    /// <summary>
    /// <c>Dependencies</c> is a JSON array of <c>{name, version}</c> in a string. The serverless toolkit wraps it in one extra
    /// pair of double quotes, which Twilio tolerates, so one pair is stripped. A <c>package.json</c>-style object is accepted too.
    /// </summary>
    internal static IReadOnlyList<BuildDependency> ParseDependencies(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var json = text.Trim();
        if (json.Length >= 2 && json[0] == '"' && json[^1] == '"')
        {
            json = json[1..^1];
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return root.ValueKind switch
            {
                JsonValueKind.Array => root.EnumerateArray().Select(ReadDependency).ToList(),
                JsonValueKind.Object => root.EnumerateObject().Select(p => new BuildDependency(p.Name, p.Value.ToString())).ToList(),
                _ => throw Invalid(),
            };
        }
        catch (JsonException)
        {
            throw Invalid();
        }

        static BuildDependency ReadDependency(JsonElement item) =>
            item.ValueKind == JsonValueKind.Object &&
            item.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String &&
            item.TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.String
                ? new BuildDependency(name.GetString()!, version.GetString()!)
                : throw Invalid();

        static ServerlessException Invalid() =>
            ServerlessException.Invalid("Dependencies must be a JSON array of objects with string fields name and version, e.g. [{\"name\":\"twilio\",\"version\":\"^5\"}].");
    }
}

using System.Diagnostics;
using System.Text.Json.Nodes;
using FakeServerless.Changes.Commands;
using FakeServerless.Messages;
using FakeServerless.Routing;

namespace FakeServerless.Control;

/// <summary><c>GET /_fake/health</c>, <c>POST /_fake/reset</c> and <c>GET /_fake/openapi.json</c>.</summary>
internal static class SystemEndpoints
{
    private const string OpenApiResource = "FakeServerless.Control.control-api.openapi.json";

    private static readonly Lazy<byte[]> OpenApiDocument = new(LoadOpenApi);

    public static void Register(ControlRoutes routes)
    {
        routes.Add("GET", "/_fake/health", "GetHealth", RouteEffect.Read, Health);
        routes.Add("POST", "/_fake/reset", "Reset", RouteEffect.Write, Reset);
        routes.Add("GET", "/_fake/openapi.json", "GetOpenApi", RouteEffect.Read, _ =>
            new EngineResponse { Status = 200, Body = OpenApiDocument.Value, ContentType = EngineResponse.JsonContentType });
    }

    /// <summary>The OpenAPI document of the control API, with <c>info.version</c> set to the fake's version.</summary>
    internal static string OpenApiText => System.Text.Encoding.UTF8.GetString(OpenApiDocument.Value);

    /// <summary>
    /// 200 <c>"status":"ok"</c>, or 503 <c>"status":"degraded"</c> with the <c>reason</c> while durable mode cannot write its data
    /// directory (a container's health check then turns unhealthy). Reads are still answered meanwhile.
    /// </summary>
    private static EngineResponse Health(ControlContext ctx)
    {
        var uptime = Stopwatch.GetElapsedTime(ctx.Started);
        var persistence = ctx.Engine.Writer.Persistence;
        var problem = persistence.Problem;
        return EngineResponse.Json(problem is null ? 200 : 503, w =>
        {
            w.WriteStartObject();
            w.WriteString("status", problem is null ? "ok" : "degraded");
            if (problem is not null)
            {
                w.WriteString("reason", problem);
            }

            w.WriteString("version", ControlApi.Version);
            w.WriteNumber("uptime_seconds", Math.Round(uptime.TotalSeconds, 3));
            w.WriteNumber("accounts", ctx.Engine.Backend.AccountSids.Count);
            w.WriteStartObject("persistence");
            w.WriteString("mode", persistence.Mode);
            w.WriteString("path", persistence.DataDirectory);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    /// <summary>Everything (as <see cref="FakeServerlessServer.Reset()"/>), or with <c>?AccountSid=</c> one account's state, journal, faults and function handlers.</summary>
    private static EngineResponse Reset(ControlContext ctx)
    {
        if (ctx.AccountSidQuery() is { } accountSid)
        {
            ctx.Engine.Reset(accountSid);
        }
        else
        {
            ctx.Engine.Reset();
        }

        return EngineResponse.NoContent();
    }

    private static byte[] LoadOpenApi()
    {
        using var stream = typeof(SystemEndpoints).Assembly.GetManifestResourceStream(OpenApiResource)
            ?? throw new InvalidOperationException($"The resource {OpenApiResource} is missing from the assembly.");
        var document = JsonNode.Parse(stream)!;
        document["info"]!["version"] = ControlApi.Version;
        return System.Text.Encoding.UTF8.GetBytes(document.ToJsonString());
    }
}

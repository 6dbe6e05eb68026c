using System.Text;
using System.Text.Json.Nodes;
using FakeServerless.Messages;
using FakeServerless.Routing;
using FakeServerless.State;

namespace FakeServerless.Control;

/// <summary>
/// <c>GET /_fake/</c>: the dashboard, one self-contained page (no CDN, no build step) that polls the control API; and
/// <c>GET /_fake/resources/{Sid}</c>: any resource of the exported state by its SID, so every SID on the page links to JSON.
/// </summary>
internal static class DashboardEndpoints
{
    /// <summary>The page's operation id: the one route served without the control token (the page holds no data).</summary>
    public const string DashboardOperation = "GetDashboard";

    private const string PageResource = "FakeServerless.Control.dashboard.html";

    private static readonly Lazy<byte[]> Page = new(LoadPage);

    public static void Register(ControlRoutes routes)
    {
        routes.Add("GET", "/_fake/", DashboardOperation, RouteEffect.Read, _ => new EngineResponse
        {
            Status = 200,
            Body = Page.Value,
            ContentType = "text/html; charset=utf-8",
            Headers =
            {
                // The page runs only its own inline script, talks only to this fake, and is never framed (no clickjacking).
                ["Content-Security-Policy"] = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
                ["X-Frame-Options"] = "DENY",
                ["X-Content-Type-Options"] = "nosniff",
                ["Cache-Control"] = "no-store",
            },
        });
        routes.Add("GET", "/_fake/resources/{Sid}", "GetResource", RouteEffect.Read, Resource);
    }

    /// <summary>The exported record whose <c>sid</c> is the one asked for; an Account SID gives that account's export.</summary>
    private static EngineResponse Resource(ControlContext ctx)
    {
        var sid = ctx.Value("Sid");
        if (sid.Length < 2 || !char.IsAsciiLetterUpper(sid[0]) || !char.IsAsciiLetterUpper(sid[1]) || !SidPrefix.IsSid(sid, sid[..2]))
        {
            throw ControlException.Invalid($"Sid must be a Twilio SID (two capital letters and 32 hexadecimal digits), but it is '{sid}'.");
        }

        var state = JsonNode.Parse(ctx.Engine.Backend.Export().ToJson())!;
        var found = sid.StartsWith(SidPrefix.Account, StringComparison.Ordinal)
            ? state["accounts"]!.AsArray().FirstOrDefault(a => (string?)a!["account_sid"] == sid)
            : Find(state, sid);
        if (found is null)
        {
            throw ControlException.NotFound($"No resource of the fake has the SID {sid}.");
        }

        return new EngineResponse { Status = 200, Body = Encoding.UTF8.GetBytes(found.ToJsonString()), ContentType = EngineResponse.JsonContentType };
    }

    /// <summary>Depth-first: the first object whose <c>sid</c> is <paramref name="sid"/> (records nest, wrappers have no sid).</summary>
    private static JsonNode? Find(JsonNode? node, string sid)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["sid"] is JsonValue value && value.TryGetValue<string>(out var text) && text == sid)
                {
                    return obj;
                }

                foreach (var (_, child) in obj)
                {
                    if (Find(child, sid) is { } hit)
                    {
                        return hit;
                    }
                }

                return null;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (Find(child, sid) is { } hit)
                    {
                        return hit;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static byte[] LoadPage()
    {
        using var stream = typeof(DashboardEndpoints).Assembly.GetManifestResourceStream(PageResource)
            ?? throw new InvalidOperationException($"The resource {PageResource} is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

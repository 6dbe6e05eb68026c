using System.Text;
using System.Text.Json.Nodes;
using FakeServerless.Control;
using FakeServerless.Routing;

namespace FakeServerless.Reliability.Support;

/// <summary>
/// Seeded requests to the control API over every route of its route table: methods, path values, queries, JSON bodies of every
/// endpoint's fields with values of every type and range (and broken JSON), content types, host names (loopback, rebinding,
/// environment-domain spellings), browser headers (Origin, Sec-Fetch-Site) and Bearer variants; plus requests to a live
/// environment's function paths while canned answers and faults come and go. Canned and fault statuses stay below 500 or are
/// invalid, so every 5xx is the fake's own.
/// </summary>
internal sealed class ControlFuzzer(int seed, int port)
{
    private static readonly IReadOnlyList<Route> Routes = ControlApi.CreateRoutes().Routes;
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    private static readonly string[] Fields =
    [
        "path", "status", "content_type", "body", "headers", "operation", "account_sid", "code", "message", "retry_after_seconds", "latency_ms",
        "drop", "times", "requests_per_second", "advance_seconds", "now", "kind", "environment", "version", "accounts", "surprise",
        "pass_through", "count", "unique_name", "service", "environment_sid", "content", "visibility", "function_version_sids", "dependencies",
    ];

    private static readonly string[] Collections =
        ["services", "environments", "variables", "functions", "function-versions", "assets", "asset-versions", "builds", "deployments", "logs", "nope", "%2e%2e"];

    private static readonly string[] Hosts =
    [
        "127.0.0.1:{port}", "localhost:{port}", "[::1]:{port}", "LOCALHOST", "127.0.0.1", "rebind.attacker.example", "a.twil.io.", "A.TWIL.IO",
        "shop-1234-dev.twil.io", "serverless.twilio.com", "10.0.0.1:{port}", "twilio-serverless:{port}",
    ];

    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "text/plain", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=b", "application/json-patch+json", "", "garbage/;;;=",
    ];

    private readonly Random _random = new(seed);
    private readonly List<string> _ids = ["fault-1", "fault-2", "fault-999", "x", "%00", "..", new string('f', 300)];

    /// <summary>The function paths of a live environment, and its domain (set once a scenario was seeded).</summary>
    public (string Domain, string[] Paths)? Live { get; set; }

    /// <summary>One request, and whether its answer must be Twilio-shaped (false for an environment domain's).</summary>
    public sealed record Fuzzed(HttpRequestMessage Request, string Description, bool IsApiHost);

    public Fuzzed Next()
    {
        if (Live is { } live && _random.Next(6) == 0)
        {
            return Domain(live.Domain, live.Paths);
        }

        var route = Routes[_random.Next(Routes.Count)];
        var method = _random.NextDouble() < 0.85 ? route.Method : Methods[_random.Next(Methods.Length)];
        var path = route.Template
            .Replace("{Id}", _ids[_random.Next(_ids.Count)], StringComparison.Ordinal)
            .Replace("{AccountSid}", Pick(["AC00000000000000000000000000000001", "AC00000000000000000000000000000002", "AC1", "nope"]), StringComparison.Ordinal)
            .Replace("{Collection}", Pick(Collections), StringComparison.Ordinal)
            .Replace("{Sid}", Pick(["ZB0123456789abcdef0123456789abcdef", "AC00000000000000000000000000000001", "ZSnope", "hello", "%2e%2e", "NO" + new string('0', 32)]), StringComparison.Ordinal);
        var query = _random.Next(4) == 0
            ? Pick(["?AccountSid=AC00000000000000000000000000000001", "?AccountSid=nope", "?Tail=0", "?Tail=5", "?Tail=-1", "?Status=abc", "?Operation=CreateService", "?%", "?AccountSid=AC00000000000000000000000000000002&Tail=99999999999"])
            : string.Empty;
        var host = Pick(Hosts).Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var request = new HttpRequestMessage(new HttpMethod(method), $"http://127.0.0.1:{port}{path}{query}");
        if (_random.Next(4) != 0)
        {
            request.Headers.Host = _random.Next(3) == 0 ? host : $"127.0.0.1:{port}";
        }

        if (method is "POST" or "PUT" or "PATCH" || _random.Next(8) == 0)
        {
            var body = Body(route.Operation);
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            var contentType = _random.Next(5) == 0 ? Pick(ContentTypes) : "application/json";
            if (contentType.Length > 0)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        switch (_random.Next(12))
        {
            case 0:
                request.Headers.TryAddWithoutValidation("Origin", Pick(["http://evil.example", "null", $"http://127.0.0.1:{port}", "http://127.0.0.1:1", "garbage"]));
                break;
            case 1:
                request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", Pick(["cross-site", "same-site", "same-origin", "none", "bogus"]));
                break;
            case 2:
                request.Headers.TryAddWithoutValidation("Authorization", Pick(["Bearer", "bearer x", "Basic QUM6eA==", "Bearer " + new string('t', 5000), "BEARER  x "]));
                break;
        }

        var hostName = request.Headers.Host ?? string.Empty;
        var isDomain = hostName.TrimEnd('.').EndsWith(".twil.io", StringComparison.OrdinalIgnoreCase) || hostName.Contains(".twil.io.:", StringComparison.OrdinalIgnoreCase);
        return new Fuzzed(request, $"{method} {hostName} {path}{query} [{request.Content?.Headers.ContentType}]", !isDomain);
    }

    /// <summary>Remembers a fault id the fake handed out, to aim DELETE /_fake/faults/{Id} at.</summary>
    public void Saw(string answer)
    {
        if (answer.Contains("\"id\":\"fault-", StringComparison.Ordinal) && JsonNode.Parse(answer)?["id"]?.GetValue<string>() is { } id)
        {
            _ids.Add(id);
        }
    }

    private Fuzzed Domain(string domain, string[] paths)
    {
        var request = new HttpRequestMessage(new HttpMethod(Pick(["GET", "POST", "HEAD"])), $"http://127.0.0.1:{port}{Pick(paths)}");
        request.Headers.Host = domain;
        return new Fuzzed(request, $"domain {domain}{request.RequestUri!.AbsolutePath}", IsApiHost: false);
    }

    private string Body(string operation)
    {
        switch (_random.Next(14))
        {
            case 0:
                return Pick(["", "{", "[]", "null", "\"x\"", "{\"a\":", "{}", "{\"path\":\"/x\",\"path\":\"/y\"}", new string('[', 5000)]);
            case 1 when operation == "PutState":
                return Pick(["{\"version\":1}", "{\"version\":1,\"sid_generator_position\":0,\"pending_build_failures\":0,\"accounts\":[],\"domain_bases\":[],\"domains\":[]}",
                    "{\"version\":1,\"sid_generator_position\":0,\"pending_build_failures\":-1,\"accounts\":null,\"domain_bases\":[],\"domains\":[]}"]);
        }

        var body = new JsonObject();
        foreach (var field in Enumerable.Range(0, _random.Next(1, 5)).Select(_ => Fields[_random.Next(Fields.Length)]).Distinct())
        {
            body[field] = Value(field);
        }

        // Most bodies are valid for their endpoint, so the handlers run and not only the checks.
        if (_random.Next(2) == 0)
        {
            switch (operation)
            {
                case "CreateFault":
                    body["status"] = Pick([400, 404, 409, 429, 499]);
                    body.Remove("latency_ms");
                    body.Remove("drop");
                    break;
                case "CreateCannedFunction":
                    body = new JsonObject
                    {
                        ["path"] = Live is { } live ? Pick(live.Paths) : "/x",
                        ["status"] = Pick([200, 201, 404, 204]),
                        ["content_type"] = Pick(["text/xml", "text/html\r\nX: y", "text/html\nSet-Cookie: x=1", "caf\u00e9/x", "application/json"]),
                        ["body"] = Pick(["", "<Response/>", "\u00e9"]),
                        ["headers"] = Pick<JsonNode>([new JsonObject(), new JsonObject { ["X-A"] = "b" }, new JsonObject { ["X-A"] = "line\r\nX: y" }, new JsonObject { ["X-A"] = "caf\u00e9" }]),
                    };
                    break;
                case "CreateScenario":
                    body = new JsonObject { ["kind"] = Pick(["service-live-in", "service-ready-to-deploy"]) };
                    break;
                case "UpdateFault":
                    body["status"] = Pick([400, 404, 429]);
                    body.Remove("drop");
                    break;
                case "FailNextBuilds":
                    body = new JsonObject { ["count"] = Pick<JsonNode?>([1, 0, "1", null]) };
                    break;
                case "CreateRecord":
                    body = new JsonObject { ["unique_name"] = Pick(["shop", "", "caf\u00e9", new string('u', 300)]), ["service"] = "shop", ["friendly_name"] = "x", ["environment_sid"] = "ZE0" };
                    break;
                case "MoveClock":
                    body = new JsonObject { ["advance_seconds"] = Pick([0, 1, 60, 86400]) };
                    break;
            }
        }

        return body.ToJsonString();
    }

    /// <summary>A value for <paramref name="field"/>: a plausible one or one of every other type and range. Never a 5xx status or a long latency.</summary>
    private JsonNode? Value(string field) => _random.Next(6) switch
    {
        0 => null,
        1 => Pick<JsonNode>([JsonValue.Create(-1), JsonValue.Create(0), JsonValue.Create(1e308), JsonValue.Create(2.5), JsonValue.Create(true), new JsonArray(1), new JsonObject { ["a"] = 1 }]),
        2 => JsonValue.Create(Pick(["", "x", "caf\u00e9", "line\r\nbreak", "text/html\nSet-Cookie: x=1", "\u0000", new string('s', 5000), "9999-12-31T23:59:59Z", "AC1", "/a b"])),
        _ => field switch
        {
            "path" => JsonValue.Create(Pick(["/sms/reply", "/x", "x", "/a?b", "/#", "/" + new string('p', 500)])),
            "status" => JsonValue.Create(Pick([100, 101, 199, 200, 201, 204, 304, 404, 429, 499, 600])),
            "content_type" => JsonValue.Create(Pick(["text/xml", "application/json; charset=utf-8", "text/html\r\nX: y", "caf\u00e9/x", "text/plain"])),
            "body" => JsonValue.Create(Pick(["<Response/>", "", new string('b', 300_000), "\u00e9\u2603"])),
            "headers" => Pick<JsonNode>([new JsonObject { ["X-A"] = "b" }, new JsonObject { ["X-A"] = "caf\u00e9" }, new JsonObject { ["Bad Name"] = "x" }, new JsonObject { ["Content-Length"] = "1" }, new JsonObject { ["X-A"] = 5 }]),
            "operation" => JsonValue.Create(Pick(["CreateService", "ListService", "ServeDomain", "Unmatched", "Nope"])),
            "account_sid" => JsonValue.Create(Pick(["AC00000000000000000000000000000001", "AC00000000000000000000000000000002", "nope"])),
            "code" => JsonValue.Create(Pick([20001, 0, 100000])),
            "message" => JsonValue.Create(Pick(["down", "", new string('m', 5000)])),
            "retry_after_seconds" => JsonValue.Create(Pick([0, 1, 86400, 86401])),
            "latency_ms" => JsonValue.Create(Pick([0, 1, 5, -1])),
            "drop" => JsonValue.Create(false),
            "times" => JsonValue.Create(Pick([1, 2, 0, int.MaxValue])),
            "requests_per_second" => JsonValue.Create(Pick([1_000_000, 0, -1])),
            "advance_seconds" => JsonValue.Create(Pick([0, 60, 1e300, -5])),
            "now" => JsonValue.Create(Pick(["2099-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "yesterday", "2000-01-01T00:00:00Z"])),
            "kind" => JsonValue.Create(Pick(["service-live-in", "service-ready-to-deploy", "nope"])),
            "environment" => JsonValue.Create(Pick(["staging", "", new string('e', 101), "prod"])),
            "pass_through" => JsonValue.Create(true),
            "count" => JsonValue.Create(Pick([1, 0, 1_000_001])),
            "visibility" => JsonValue.Create(Pick(["public", "protected", "private", "nope"])),
            "function_version_sids" => Pick<JsonNode>([new JsonArray(), new JsonArray("ZN0"), new JsonArray(1)]),
            "dependencies" => Pick<JsonNode>([new JsonArray(), new JsonArray(new JsonObject { ["name"] = "twilio" }), new JsonArray("x")]),
            _ => JsonValue.Create("x"),
        },
    };

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}

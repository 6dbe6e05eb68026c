using System.Net.Http.Headers;
using FakeServerless.Control;

namespace FakeServerless.Tests.Control;

/// <summary>The served OpenAPI document and the served routes agree, both ways, and real answers validate against it.</summary>
public sealed class OpenApiDocumentTests : ControlTestBase
{
    private readonly List<(string OperationId, int Status, string Body)> _answers = [];

    protected override FakeServerlessOptions Configure(FakeServerlessOptions options)
    {
        options.BuildCompletion = BuildCompletion.Manual;
        options.TimeProvider = new VirtualClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return options;
    }

    private async Task<ControlOpenApiValidator> DocumentAsync() =>
        new(await (await Control.GetAsync("/_fake/openapi.json")).Content.ReadAsStringAsync());

    [Test]
    public async Task Document_Routes_EqualTheServedRoutes()
    {
        var documented = (await DocumentAsync()).Routes.Select(r => $"{r.Method} {r.Path} {r.OperationId}").Order().ToList();
        var served = ControlApi.CreateRoutes().Routes.Select(r => $"{r.Method} {r.Template} {r.Operation}").Order().ToList();

        Assert.That(documented.Except(served), Is.Empty, "documented but not served");
        Assert.That(served.Except(documented), Is.Empty, "served but not documented");
    }

    [Test]
    public async Task Validate_HealthMissingFields_ReportsThem()
    {
        var errors = (await DocumentAsync()).Validate("GetHealth", 200, """{"status":"ok"}""");

        Assert.That(errors, Is.Not.Empty);
    }

    [Test]
    public async Task Document_EveryOperation_ItsAnswersValidate()
    {
        var validator = await DocumentAsync();

        await Send(HttpMethod.Get, "/_fake/health");
        await Send(HttpMethod.Get, "/_fake/openapi.json");
        var scenario = Fake.Seed().ServiceReadyToDeploy(o => o.FunctionPaths = ["/sms/reply"]);
        await Send(HttpMethod.Post, "/_fake/scenarios", """{"kind":"service-live-in","environment":"staging"}""");
        await Send(HttpMethod.Post, "/_fake/scenarios", """{"kind":"nope"}""");
        var state = await Send(HttpMethod.Get, "/_fake/state");
        await Send(HttpMethod.Get, "/_fake/state?AccountSid=AC00000000000000000000000000000009");
        await Send(HttpMethod.Put, "/_fake/state", state);
        await Send(HttpMethod.Put, "/_fake/state", "{}");
        await Send(HttpMethod.Get, "/_fake/journal");
        await Send(HttpMethod.Get, "/_fake/journal?Status=x");
        await Send(HttpMethod.Get, "/_fake/journal?Tail=2");
        await Send(HttpMethod.Get, "/_fake/journal?Tail=0");
        await Send(HttpMethod.Get, "/_fake/");
        await Send(HttpMethod.Post, "/_fake/");
        await Send(HttpMethod.Get, $"/_fake/resources/{scenario.Service.Sid}");
        await Send(HttpMethod.Get, $"/_fake/resources/{Fake.AccountSid}");
        await Send(HttpMethod.Get, "/_fake/resources/ZS00000000000000000000000000000099");
        await Send(HttpMethod.Get, "/_fake/resources/nope");
        await Send(HttpMethod.Delete, $"/_fake/journal?AccountSid={Fake.AccountSid}");
        await Send(HttpMethod.Delete, "/_fake/journal");
        var fault = await Send(HttpMethod.Post, "/_fake/faults", """{"operation":"CreateDeployment","status":429,"retry_after_seconds":2,"times":1}""");
        await Send(HttpMethod.Post, "/_fake/faults", """{"operation":"FetchService","latency_ms":5}""");
        await Send(HttpMethod.Post, "/_fake/faults", """{"times":1}""");
        await Send(HttpMethod.Put, "/_fake/rate-limit", """{"requests_per_second":100}""");
        await Send(HttpMethod.Put, "/_fake/rate-limit", """{"requests_per_second":-1}""");
        await Send(HttpMethod.Get, "/_fake/faults");
        var pending = await Send(HttpMethod.Post, "/_fake/faults", """{"operation":"FetchService","pass_through":true}""");
        var pendingId = System.Text.Json.Nodes.JsonNode.Parse(pending)!["id"]!.GetValue<string>();
        await Send(HttpMethod.Patch, "/_fake/faults/" + pendingId, """{"status":503,"times":2}""");
        await Send(HttpMethod.Patch, "/_fake/faults/" + pendingId, """{"code":1}""");
        await Send(HttpMethod.Patch, "/_fake/faults/fault-999", """{"drop":true}""");
        await Send(HttpMethod.Delete, $"/_fake/faults?AccountSid={Fake.AccountSid}");
        await Send(HttpMethod.Get, $"/_fake/journal?Owner={Fake.AccountSid}");
        await Send(HttpMethod.Get, "/_fake/settings");
        await Send(HttpMethod.Get, $"/_fake/accounts/{Fake.AccountSid}/snapshot");
        await Send(HttpMethod.Get, "/_fake/accounts/nope/snapshot");
        await Send(HttpMethod.Post, $"/_fake/accounts/{Fake.AccountSid}/services", """{"unique_name":"remote-shop"}""");
        await Send(HttpMethod.Post, $"/_fake/accounts/{Fake.AccountSid}/services", """{"unique_name":"remote-shop"}""");
        await Send(HttpMethod.Post, $"/_fake/accounts/{Fake.AccountSid}/environments", """{"service":"ZS00000000000000000000000000000099","unique_name":"x"}""");
        await Send(HttpMethod.Post, $"/_fake/accounts/{Fake.AccountSid}/services", """{"nope":1}""");
        await Send(HttpMethod.Post, $"/_fake/accounts/{Fake.AccountSid}/widgets", "{}");
        await Send(HttpMethod.Post, "/_fake/builds/fail-next", """{"count":2}""");
        await Send(HttpMethod.Post, "/_fake/builds/fail-next", """{"count":0}""");
        await Send(HttpMethod.Delete, "/_fake/faults/" + System.Text.Json.Nodes.JsonNode.Parse(fault)!["id"]!.GetValue<string>());
        await Send(HttpMethod.Delete, "/_fake/faults/fault-999");
        await Send(HttpMethod.Delete, "/_fake/faults");
        var account = Fake.Account();
        var building = account.CreateBuild(scenario.Service.Sid, [scenario.Functions[0].Version.Sid]);
        await Send(HttpMethod.Post, $"/_fake/builds/{building.Sid}/complete");
        await Send(HttpMethod.Post, $"/_fake/builds/{building.Sid}/fail");
        await Send(HttpMethod.Post, $"/_fake/builds/{account.CreateBuild(scenario.Service.Sid, [scenario.Functions[0].Version.Sid]).Sid}/fail");
        await Send(HttpMethod.Post, "/_fake/builds/ZB00000000000000000000000000000000/complete");
        await Send(HttpMethod.Get, "/_fake/clock");
        await Send(HttpMethod.Post, "/_fake/clock", """{"advance_seconds":60}""");
        await Send(HttpMethod.Post, "/_fake/clock", """{"now":"2020-01-01T00:00:00Z"}""");
        await Send(HttpMethod.Post, "/_fake/functions", """{"path":"/sms/reply","content_type":"text/xml","body":"<Response/>"}""");
        await Send(HttpMethod.Post, "/_fake/functions", """{"path":"x"}""");
        await Send(HttpMethod.Post, "/_fake/functions", $$"""{"path":"/sms/reply","body":"x","scope":"{{Fake.AccountSid}}","logs":[{"message":"m","level":"warn"}]}""");
        await Send(HttpMethod.Delete, $"/_fake/functions?AccountSid={Fake.AccountSid}");
        await Send(HttpMethod.Delete, "/_fake/functions?AccountSid=nope");
        await Send(HttpMethod.Delete, "/_fake/functions");
        await Send(HttpMethod.Post, "/_fake/logs", $$"""{"environment_sid":"{{scenario.Environments[0].Sid}}","message":"hi","function_sid":"{{scenario.Functions[0].Function.Sid}}"}""");
        await Send(HttpMethod.Post, "/_fake/logs", $$"""{"environment_sid":"{{scenario.Environments[0].Sid}}","message":"hi","level":"warn"}""");
        await Send(HttpMethod.Post, "/_fake/logs", """{"environment_sid":"ZE00000000000000000000000000000999","message":"hi"}""");
        await Send(HttpMethod.Post, "/_fake/logs", """{"message":"hi"}""");
        await Send(HttpMethod.Get, "/_fake/logs");
        await Send(HttpMethod.Post, "/_fake/keys", """{"account_sid":"AC0000000000000000000000000000000b"}""");
        await Send(HttpMethod.Post, "/_fake/keys", """{"account_sid":"nope"}""");
        await Send(HttpMethod.Get, "/_fake/keys");
        await Send(HttpMethod.Get, "/_fake/keys?AccountSid=nope");
        await Send(HttpMethod.Get, "/_fake/state");
        await Send(HttpMethod.Post, "/_fake/reset?AccountSid=nope");
        await Send(HttpMethod.Get, "/_fake/reset");
        await Send(HttpMethod.Post, "/_fake/reset");

        var errors = _answers.SelectMany(a => validator.Validate(a.OperationId, a.Status, a.Body)).ToList();
        Assert.That(errors, Is.Empty);
        Assert.That(_answers.Select(a => a.OperationId).Distinct().Order(), Is.EqualTo(validator.Routes.Select(r => r.OperationId).Order()), "every operation was exercised");
    }

    private async Task<string> Send(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = Json(json);
        }

        var response = await Control.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var routes = ControlApi.CreateRoutes();
        var match = routes.Match(method.Method, path.Split('?')[0]);
        var operation = (match.Route ?? routes.Match(match.AllowedMethods[0], path.Split('?')[0]).Route)!.Operation; // a 405 is documented on the path's operations
        _answers.Add((operation, (int)response.StatusCode, body));
        return body;
    }
}

using System.Net;
using System.Text.Json.Nodes;
using FakeServerless.Tests.Wire;
using Twilio.Rest.Serverless.V1.Service;

namespace FakeServerless.Tests.Control;

public sealed class StateEndpointsTests : ControlTestBase
{
    private const string Other = "AC00000000000000000000000000000002";

    private async Task<string> GetStateAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync("/_fake/state" + query);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), raw);
        return raw;
    }

    [Test]
    public async Task Put_ExportIntoAnotherFake_GetAnswersTheSameAndTwilioSeesTheState()
    {
        var scenario = Fake.Seed().ServiceLiveIn("staging");
        Fake.Seed(Other).ServiceReadyToDeploy();
        var exported = await GetStateAsync(Control);
        await using var twin = FakeServerlessServer.Start(new FakeServerlessOptions { EnableControlApi = true });
        using var twinControl = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = twin.Url };
        twin.Seed().ServiceReadyToDeploy(); // replaced by the import

        var put = await twinControl.PutAsync("/_fake/state", Json(exported));

        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await put.Content.ReadAsStringAsync());
        Assert.That(await GetStateAsync(twinControl), Is.EqualTo(exported));
        var twilio = new Twilio.Clients.TwilioRestClient(twin.AccountSid, twin.AuthToken, httpClient: new Twilio.Http.SystemNetHttpClient(twin.CreateHttpClient()));
        var staging = await EnvironmentResource.FetchAsync(scenario.Service.Sid, scenario.Environment("staging").Sid, client: twilio);
        Assert.That(staging.BuildSid, Is.EqualTo(scenario.Build.Sid));
    }

    [Test]
    public async Task Get_OneAccount_OnlyItsServicesAndDomains()
    {
        Fake.Seed().ServiceLiveIn("staging");
        var theirs = Fake.Seed(Other).ServiceLiveIn("production");

        var state = JsonNode.Parse(await GetStateAsync(Control, $"?AccountSid={Other}"))!;

        Assert.That(state["accounts"]!.AsArray().Select(a => a!["account_sid"]!.GetValue<string>()), Is.EqualTo(new[] { Other }));
        Assert.That(state["domains"]!.AsArray().Select(d => d!["account_sid"]!.GetValue<string>()).Distinct(), Is.EqualTo(new[] { Other }));
        Assert.That(state["domain_bases"]!.AsArray().Select(b => b!.GetValue<string>()), Is.EqualTo(new[] { theirs.Service.DomainBase }));
    }

    [Test]
    public async Task Get_AccountWithoutState_404()
    {
        await TwilioErrorBody.ReadAsync(await Control.GetAsync($"/_fake/state?AccountSid={Other}"), 404, 20404);
    }

    [TestCase("{not json")]
    [TestCase("[]")]
    [TestCase("""{"version":99,"sid_generator_position":0,"pending_build_failures":0,"accounts":[],"domain_bases":[],"domains":[]}""")]
    [TestCase("")]
    public async Task Put_NotAState_400AndStateUnchanged(string body)
    {
        Fake.Seed().ServiceLiveIn("staging");
        var before = await GetStateAsync(Control);

        await TwilioErrorBody.ReadAsync(await PutAsync("/_fake/state", body), 400, 20001);

        Assert.That(await GetStateAsync(Control), Is.EqualTo(before));
    }

    private static readonly object[] InconsistentStates =
    [
        new object[] { "function_versions null", Set(s => Build(s)["function_versions"] = null), "accounts[0].services.items[0].builds.items[0].build.function_versions" },
        new object[] { "dependencies [null]", Set(s => Build(s)["dependencies"] = new JsonArray((JsonNode?)null)), "accounts[0].services.items[0].builds.items[0].build.dependencies[0]" },
        new object[] { "visibility 9", Set(s => Build(s)["function_versions"]![0]!["visibility"] = 9), "accounts[0].services.items[0].builds.items[0].build.function_versions[0].visibility" },
        new object[] { "visibility Secret", Set(s => Build(s)["function_versions"]![0]!["visibility"] = "Secret"), "accounts[0].services.items[0].builds.items[0].build.function_versions[0].visibility" },
        new object[] { "status 7", Set(s => Build(s)["status"] = 7), "accounts[0].services.items[0].builds.items[0].build.status" },
        new object[] { "deployment to a missing build", Set(s => Env(s)["deployments"]!["items"]![0]!["build_sid"] = "ZB0123456789abcdef0123456789abcdef"), "accounts[0].services.items[0].environments.items[0].deployments.items[0].build_sid" },
        new object[] { "live build missing", Set(s => Env(s)["environment"]!["build_sid"] = "ZB0123456789abcdef0123456789abcdef"), "accounts[0].services.items[0].environments.items[0].environment.build_sid" },
        new object[] { "service SID hello", Set(s => Svc(s)["service"]!["sid"] = "hello"), "accounts[0].services.items[0].service.sid" },
        new object[] { "service SID with a path", Set(s => Svc(s)["service"]!["sid"] = "ZS/../x"), "accounts[0].services.items[0].service.sid" },
        new object[] { "next_sequence Int64.MaxValue", Set(s => Svc(s)["builds"]!["next_sequence"] = long.MaxValue), "accounts[0].services.items[0].builds.next_sequence" },
        new object[] { "reads -1", Set(s => Svc(s)["builds"]!["items"]![0]!["reads"] = -1), "accounts[0].services.items[0].builds.items[0].reads" },
        new object[] { "unknown top-level field", Set(s => s["surprise"] = 1), "surprise" },
        new object[] { "unknown nested field", Set(s => Svc(s)["service"]!["colour"] = "red"), "accounts[0].services.items[0].service.colour" },
        new object[] { "missing required field", Set(s => Svc(s)["service"]!.AsObject().Remove("unique_name")), "accounts[0].services.items[0].service.unique_name" },
        new object[] { "reads not a number", Set(s => Svc(s)["builds"]!["items"]![0]!["reads"] = "x"), "accounts[0].services.items[0].builds.items[0].reads" },
        new object[] { "version content null", Set(s => Build(s)["function_versions"]![0]!["content"] = null), "accounts[0].services.items[0].builds.items[0].build.function_versions[0].content" },
        new object[] { "api key account", Set(s => s["api_keys"]![0]!["account_sid"] = "nope"), "api_keys[0].account_sid" },
    ];

    [TestCaseSource(nameof(InconsistentStates))]
    public async Task Put_InconsistentState_400NamingTheFirstBadValueInTheStatesOwnTerms(string what, Func<JsonNode, string> mutate, string path)
    {
        Fake.Seed().ServiceLiveIn("staging");
        Fake.CreateApiKey();
        var before = await GetStateAsync(Control);

        var error = await TwilioErrorBody.ReadAsync(await PutAsync("/_fake/state", mutate(JsonNode.Parse(before)!)), 400, 20001);

        Assert.That(error.Message, Does.StartWith($"The state is not valid at {path}:"), what);
        Assert.That(error.Message, Does.Not.Contain("FakeServerless.").And.Not.Contain("System.").And.Not.Contain("Object reference"), what);
        Assert.That(await GetStateAsync(Control), Is.EqualTo(before), what);
    }

    [Test]
    public async Task Put_DuplicateSidAcrossAccounts_400()
    {
        Fake.Seed().ServiceLiveIn("staging");
        var state = JsonNode.Parse(await GetStateAsync(Control))!;
        var copy = state["accounts"]![0]!.DeepClone();
        copy["account_sid"] = Other;
        copy["services"]!["items"]![0]!["service"]!["account_sid"] = Other;
        state["accounts"]!.AsArray().Add(copy);

        var error = await TwilioErrorBody.ReadAsync(await PutAsync("/_fake/state", state.ToJsonString()), 400, 20001);

        Assert.That(error.Message, Does.StartWith("The state is not valid at accounts[1].services.items[0]"));
    }

    [Test]
    public async Task Put_StateOverTheFormLimit_GetPutRoundTrips()
    {
        var service = Fake.Account().CreateService("big");
        var asset = Fake.Account().CreateAsset(service.Sid, "blob");
        Fake.Account().CreateAssetVersion(service.Sid, asset.Sid, "/blob.bin", new byte[5 * 1024 * 1024], "application/octet-stream");
        var exported = await GetStateAsync(Control);
        await using var twin = FakeServerlessServer.Start(new FakeServerlessOptions { EnableControlApi = true, MaxFormBodyBytes = 1000 });
        using var twinControl = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = twin.Url };

        var put = await twinControl.PutAsync("/_fake/state", Json(exported));

        Assert.That(exported.Length, Is.GreaterThan(4 * 1024 * 1024));
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await put.Content.ReadAsStringAsync());
        Assert.That(await GetStateAsync(twinControl), Is.EqualTo(exported));
    }

    [Test]
    public async Task Post_OtherControlEndpointOverItsLimit_413()
    {
        var body = "{\"path\":\"/x\",\"body\":\"" + new string('x', (4 * 1024 * 1024) + 1) + "\"}";

        await TwilioErrorBody.ReadAsync(await PostAsync("/_fake/functions", body), 413, 20413);
    }

    private static Func<JsonNode, string> Set(Action<JsonNode> change) => root =>
    {
        change(root);
        return root.ToJsonString();
    };

    private static JsonNode Svc(JsonNode root) => root["accounts"]![0]!["services"]!["items"]![0]!;

    private static JsonNode Build(JsonNode root) => Svc(root)["builds"]!["items"]![0]!["build"]!;

    private static JsonNode Env(JsonNode root) => Svc(root)["environments"]!["items"]!.AsArray().First(e => e!["deployments"]!["items"]!.AsArray().Count > 0)!;

    [Test]
    public async Task Put_MutatedExports_400NeverA500AndStateUnchanged()
    {
        Fake.Seed().ServiceLiveIn("staging");
        var before = await GetStateAsync(Control);
        var failures = new List<string>();

        foreach (var mutated in Mutations(JsonNode.Parse(before)!))
        {
            var response = await PutAsync("/_fake/state", mutated);
            if ((int)response.StatusCode is not (204 or 400))
            {
                failures.Add($"{(int)response.StatusCode} for {mutated[..Math.Min(300, mutated.Length)]}: {await response.Content.ReadAsStringAsync()}");
            }

            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                await PutAsync("/_fake/state", before);
            }
        }

        Assert.That(failures, Is.Empty);
        Assert.That(await GetStateAsync(Control), Is.EqualTo(before));
    }

    /// <summary>The export with one node at a time removed, nulled, or replaced by a wrong type.</summary>
    private static IEnumerable<string> Mutations(JsonNode root)
    {
        var paths = new List<(JsonNode Parent, object Key)>();
        Collect(root, paths);
        foreach (var (parent, key) in paths)
        {
            foreach (var replacement in new JsonNode?[] { null, JsonValue.Create("x"), JsonValue.Create(-1), new JsonArray(), new JsonObject() })
            {
                var copy = root.DeepClone();
                var target = NavigatePath(copy, parent.GetPath());
                if (key is string name)
                {
                    target[name] = replacement?.DeepClone();
                }
                else
                {
                    target[(int)key] = replacement?.DeepClone();
                }

                yield return copy.ToJsonString();
            }
        }
    }

    private static void Collect(JsonNode node, List<(JsonNode Parent, object Key)> into)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o)
                {
                    into.Add((o, name));
                    if (child is not null)
                    {
                        Collect(child, into);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    into.Add((a, i));
                    if (a[i] is { } child)
                    {
                        Collect(child, into);
                    }
                }

                break;
        }
    }

    private static JsonNode NavigatePath(JsonNode root, string path)
    {
        var node = root;
        foreach (System.Text.RegularExpressions.Match part in System.Text.RegularExpressions.Regex.Matches(path, @"\.([A-Za-z0-9_]+)|\['([^']+)'\]|\[(\d+)\]"))
        {
            node = part.Groups[3].Success ? node[int.Parse(part.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture)]! : node[part.Groups[1].Success ? part.Groups[1].Value : part.Groups[2].Value]!;
        }

        return node;
    }

    [Test]
    public async Task Put_WithAccountSid_400()
    {
        var state = await GetStateAsync(Control);

        var error = await TwilioErrorBody.ReadAsync(await PutAsync($"/_fake/state?AccountSid={Other}", state), 400, 20001);

        Assert.That(error.Message, Does.StartWith("AccountSid"));
    }
}

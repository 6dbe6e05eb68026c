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

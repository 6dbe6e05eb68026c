using System.Diagnostics;
using System.Text.Json.Nodes;
using FakeServerless.Reliability.Support;

namespace FakeServerless.Reliability;

/// <summary>
/// Issue 17, items 3, 5, 9 and 10, through the standalone CLI: the control API cannot be driven by a web page (no JSON as
/// text/plain, no cross-site request, no rebound host name — with a control token too), a state read can always be written
/// back (20 MB of assets), canned functions and fault rules are capped and given back, and the small ones (a domain spelled
/// with a trailing dot, the Bearer scheme's case, the dashboard's frame-ancestors, no .NET internals in messages).
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class ControlPlaneTests
{
    [TestCase(null)]
    [TestCase("t0ken")]
    public async Task SimpleCrossOriginPost_TextPlain_NoFaultInstalled(string? token)
    {
        using var cli = await CliProcess.StartAsync(token is null ? [] : ["--control-token", token]);
        using var control = new ControlClient(cli.Url, token);

        var plain = await control.SendAsync(HttpMethod.Post, "/_fake/faults", """{"status":503}""", contentType: "text/plain");
        var fromPage = await control.SendAsync(HttpMethod.Post, "/_fake/faults", """{"status":503}""", contentType: "text/plain", headers: [("Origin", "http://127.0.0.1:8080"), ("Sec-Fetch-Site", "same-site")]);
        var listed = await control.GetAsync("/_fake/faults");

        Assert.That(plain.Status, Is.EqualTo(415), plain.Body);
        Assert.That(fromPage.Status, Is.EqualTo(403), fromPage.Body);
        Assert.That(JsonNode.Parse(listed.Body)!["faults"]!.AsArray(), Is.Empty);
    }

    [TestCase(null)]
    [TestCase("t0ken")]
    public async Task ReboundHostName_KeysNotServed(string? token)
    {
        using var cli = await CliProcess.StartAsync(token is null ? [] : ["--control-token", token]);
        using var control = new ControlClient(cli.Url, token);
        await control.PostAsync("/_fake/keys");

        var rebound = await control.GetAsync("/_fake/keys", host: "rebind.attacker.example");
        var local = await control.GetAsync("/_fake/keys", host: $"localhost:{cli.Url.Port}");

        Assert.That(rebound.Status, Is.EqualTo(403), rebound.Body);
        Assert.That(rebound.Body, Does.Not.Contain("\"secret\""));
        Assert.That(local.Status, Is.EqualTo(200), local.Body);
    }

    [Test]
    public async Task AllowedHost_ComposeServiceName_Answers()
    {
        using var cli = await CliProcess.StartAsync(["--allowed-host", "twilio-serverless"]);
        using var control = new ControlClient(cli.Url);

        var named = await control.GetAsync("/_fake/health", host: $"twilio-serverless:{cli.Url.Port}");

        Assert.That(named.Status, Is.EqualTo(200), named.Body);
    }

    [Test]
    public async Task State_TwentyMegabytesOfAssets_GetPutRoundTrips()
    {
        using var cli = await CliProcess.StartAsync();
        using var control = new ControlClient(cli.Url);
        using var twilio = new HttpClient(new FakeServerless.Transports.RedirectingHandler(cli.Url, new SocketsHttpHandler())) { Timeout = TimeSpan.FromSeconds(120) };
        var api = new Api(twilio, "AC00000000000000000000000000000001");
        var service = await api.CreateAsync("/Services", ("UniqueName", "big"), ("FriendlyName", "Big"));
        var random = new Random(17);
        for (var i = 0; i < 4; i++)
        {
            var asset = await api.CreateAsync($"/Services/{service}/Assets", ("FriendlyName", $"blob{i}"));
            var bytes = new byte[5 * 1024 * 1024];
            random.NextBytes(bytes);
            using var form = new MultipartFormDataContent { { new StringContent($"/blob{i}.bin"), "Path" }, { new StringContent("public"), "Visibility" } };
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "Content", $"blob{i}.bin");
            var (status, body) = await api.SendAsync(HttpMethod.Post, $"https://serverless-upload.twilio.com/v1/Services/{service}/Assets/{asset}/Versions", content: form);
            Assert.That(status, Is.EqualTo(201), body);
        }

        var state = await control.GetAsync("/_fake/state");
        var put = await control.PutAsync("/_fake/state", state.Body);
        var again = await control.GetAsync("/_fake/state");

        Assert.That(state.Body.Length, Is.GreaterThan(26_000_000), "20 MB of assets, base64");
        Assert.That(put.Status, Is.EqualTo(204), put.Body);
        Assert.That(again.Body, Is.EqualTo(state.Body));
    }

    [Test]
    public async Task Caps_BigCannedFunctionsAndFaults_RefusedAndListBounded()
    {
        using var cli = await CliProcess.StartAsync();
        using var control = new ControlClient(cli.Url);
        var threeMegabytes = new string('x', 3 * 1024 * 1024);

        var bigFunction = await control.PostAsync("/_fake/functions", $$"""{"path":"/big","body":"{{threeMegabytes}}"}""");
        var bigFault = await control.PostAsync("/_fake/faults", $$"""{"status":503,"message":"{{threeMegabytes}}"}""");
        var functions = new List<int>();
        var faults = new List<int>();
        for (var i = 0; i < 110; i++)
        {
            functions.Add((await control.PostAsync("/_fake/functions", $$"""{"path":"/f{{i}}","body":"{{new string('y', 200_000)}}"}""")).Status);
            faults.Add((await control.PostAsync("/_fake/faults", $$"""{"status":503,"message":"{{new string('m', 4000)}}"}""")).Status);
        }

        var listed = await control.GetAsync("/_fake/faults");
        var status101 = await control.PostAsync("/_fake/functions", """{"path":"/switch","status":101}""");

        Assert.That(bigFunction.Status, Is.EqualTo(413), bigFunction.Body);
        Assert.That(bigFault.Status, Is.EqualTo(400), bigFault.Body);
        Assert.That(functions.Count(s => s == 201), Is.EqualTo(100));
        Assert.That(functions.Skip(100), Is.All.EqualTo(400));
        Assert.That(faults.Count(s => s == 201), Is.EqualTo(100));
        Assert.That(listed.Body.Length, Is.LessThan(1_000_000), "GET /_fake/faults is bounded by the caps");
        Assert.That(status101.Status, Is.EqualTo(400), "canned statuses are 200-599");
    }

    [Test]
    [NonParallelizable] // measures this process's managed heap: nothing else may run meanwhile
    public async Task Caps_DeleteGivesTheMemoryBack()
    {
        await using var fake = FakeServerlessServer.Start(o => o.EnableControlApi = true);
        using var control = new ControlClient(fake.Url);
        var baseline = Managed();

        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 100; i++)
            {
                Assert.That((await control.PostAsync("/_fake/functions", $$"""{"path":"/f{{i}}","body":"{{new string((char)('a' + round), 250_000)}}"}""")).Status, Is.EqualTo(201));
                Assert.That((await control.PostAsync("/_fake/faults", $$"""{"status":503,"message":"{{new string('m', 4096)}}"}""")).Status, Is.EqualTo(201));
            }

            await control.SendAsync(HttpMethod.Delete, "/_fake/functions");
            await control.SendAsync(HttpMethod.Delete, "/_fake/faults");
        }

        var after = Managed();

        Assert.That(after - baseline, Is.LessThan(20L * 1024 * 1024), $"managed heap grew from {baseline / 1024 / 1024} MB to {after / 1024 / 1024} MB after deletes");
    }

    [Test]
    public async Task SmallOnes_DomainSpellingsBearerCaseFrameAncestors()
    {
        using var cli = await CliProcess.StartAsync(["--control-token", "t0ken"]);
        using var lowerCase = new HttpClient { BaseAddress = cli.Url };
        lowerCase.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "bearer t0ken");
        using var control = new ControlClient(cli.Url, "t0ken");

        var health = await lowerCase.GetAsync("/_fake/health");
        var trailingDot = await control.GetAsync("/_fake/health", host: "a.twil.io.");
        var upperCase = await control.GetAsync("/_fake/health", host: "A.TWIL.IO");
        var dashboard = await control.GetAsync("/_fake/");

        Assert.That((int)health.StatusCode, Is.EqualTo(200), "RFC 7235: the scheme is case-insensitive");
        Assert.That(trailingDot.Status, Is.EqualTo(404), trailingDot.Body);
        Assert.That(trailingDot.Body, Does.Contain("nothing is deployed"), "a.twil.io. is an environment domain, not the control API");
        Assert.That(upperCase.Body, Does.Contain("nothing is deployed"));
        Assert.That(dashboard.Response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("frame-ancestors 'none'"));
    }

    [Test]
    public async Task Messages_BadInput_NoDotNetInternals()
    {
        using var cli = await CliProcess.StartAsync();
        using var control = new ControlClient(cli.Url);
        using var twilio = new HttpClient(new FakeServerless.Transports.RedirectingHandler(cli.Url, new SocketsHttpHandler()));
        var api = new Api(twilio, "AC00000000000000000000000000000001");
        var service = await api.CreateAsync("/Services", ("UniqueName", "msgs"), ("FriendlyName", "Msgs"));
        var asset = await api.CreateAsync($"/Services/{service}/Assets", ("FriendlyName", "a"));
        var state = JsonNode.Parse((await control.GetAsync("/_fake/state")).Body)!;
        string Mutated(Action<JsonNode> change)
        {
            var copy = state.DeepClone();
            change(copy);
            return copy.ToJsonString();
        }

        var bodies = new List<string>
        {
            (await control.PutAsync("/_fake/state", "{not json")).Body,
            (await control.PutAsync("/_fake/state", Mutated(s => s["accounts"]![0]!["services"]!["items"]![0]!["service"]!["date_created"] = "yesterday"))).Body,
            (await control.PutAsync("/_fake/state", Mutated(s => s["accounts"]![0]!["services"]!["items"] = null))).Body,
            (await control.PutAsync("/_fake/state", Mutated(s => s["accounts"]![0]!["services"]!["items"]![0] = null))).Body,
            (await control.PutAsync("/_fake/state", Mutated(s => s["pending_build_failures"] = "many"))).Body,
            (await control.PutAsync("/_fake/state", Mutated(s => s["extra"] = true))).Body,
            (await control.PostAsync("/_fake/faults", "{\"status\":")).Body,
            (await control.PostAsync("/_fake/keys", """{"account_sid":"nope"}""")).Body,
            (await control.PostAsync("/_fake/clock", """{"now":"2020-01-01T00:00:00Z"}""")).Body,
            (await api.SendAsync(HttpMethod.Post, $"https://serverless-upload.twilio.com/v1/Services/{service}/Assets/{asset}/Versions",
                content: new StringContent("--b\r\nContent-Disposition: form-data; name=\"Path\"\r\n\r\n/x", System.Text.Encoding.UTF8, "multipart/form-data"))).Body,
        };
        bodies.Add((await api.SendAsync(HttpMethod.Post, $"https://serverless-upload.twilio.com/v1/Services/{service}/Assets/{asset}/Versions",
            content: new ByteArrayContent("--b\r\nContent-Disposition: form-data; name=\"Path\"\r\n\r\n/x"u8.ToArray()) { Headers = { { "Content-Type", "multipart/form-data; boundary=b" } } })).Body);

        foreach (var body in bodies)
        {
            Assert.That(body, Does.Not.Contain("Object reference").And.Not.Contain("FakeServerless.").And.Not.Contain("System.")
                .And.Not.Contain("(Parameter '").And.Not.Contain("Path: $").And.Not.Contain("LineNumber").And.Not.Contain("Exception"), body);
        }
    }

    private static long Managed()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

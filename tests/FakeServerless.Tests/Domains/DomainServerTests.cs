using System.Net;
using System.Text;
using System.Text.Json;
using FakeServerless.Tests.Support;
using Twilio.Rest.Serverless.V1.Service.Environment;
using SystemHttpClient = System.Net.Http.HttpClient;

namespace FakeServerless.Tests.Domains;

/// <summary>
/// What an environment's domain (https://{domain_name}/path) serves, as curl would see it: the live build's assets and
/// functions with their visibility, C# function handlers with parameters, variables and console logs, and 404 when nothing is live.
/// </summary>
[TestFixtureSource(typeof(TransportCase), nameof(TransportCase.All))]
public sealed class DomainServerTests(FakeServerlessTransport transport) : FakeTestBase(transport)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff];

    private SystemHttpClient? _curl;

    /// <summary>A client without credentials: domains are public web endpoints.</summary>
    private SystemHttpClient Curl => _curl ??= Fake.CreateHttpClient();

    [Test]
    public async Task Get_PublicAsset_ServesItsBytesAndContentType()
    {
        var site = Deploy();

        var css = await Curl.GetAsync($"https://{site.Domain}/style.css");
        var png = await Curl.GetAsync($"https://{site.Domain}/img/logo.png?cache=1");

        Assert.That(css.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(css.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/css"));
        Assert.That(await css.Content.ReadAsStringAsync(), Is.EqualTo("body { color: red; }"));
        Assert.That(png.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(png.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"));
        Assert.That(await png.Content.ReadAsByteArrayAsync(), Is.EqualTo(Png));
    }

    [Test]
    public async Task Get_Root_ServesIndexHtml()
    {
        var site = Deploy();

        var root = await Curl.GetAsync($"https://{site.Domain}/");
        var bare = await Curl.GetAsync($"https://{site.Domain}");

        Assert.That(root.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(root.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(await root.Content.ReadAsStringAsync(), Is.EqualTo("<h1>home</h1>"));
        Assert.That(await bare.Content.ReadAsStringAsync(), Is.EqualTo("<h1>home</h1>"));
    }

    [Test]
    public async Task Get_RootWithoutIndexHtml_404()
    {
        var site = Deploy(withIndex: false);

        var root = await Curl.GetAsync($"https://{site.Domain}/");

        Assert.That(root.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase("/secret.txt")]
    [TestCase("/private-fn")]
    [TestCase("/nothing-here")]
    [TestCase("/STYLE.CSS")]
    public async Task Get_PrivateOrMissing_404(string path)
    {
        var site = Deploy();

        var response = await Curl.GetAsync($"https://{site.Domain}{path}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain("top-secret-bytes"));
    }

    [TestCase("/protected.txt", "members only")]
    [TestCase("/protected-fn", "function_sid")]
    public async Task Get_Protected_403WithoutSignatureAnd200WithIt(string path, string expected)
    {
        var site = Deploy();

        var denied = await Curl.GetAsync($"https://{site.Domain}{path}");
        using var signed = new HttpRequestMessage(HttpMethod.Get, $"https://{site.Domain}{path}");
        signed.Headers.Add("X-Twilio-Signature", Fake.SignDomainRequest($"https://{site.Domain}{path}"));
        var allowed = await Curl.SendAsync(signed);

        Assert.That(denied.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await denied.Content.ReadAsStringAsync(), Does.Not.Contain(expected));
        Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await allowed.Content.ReadAsStringAsync(), Does.Contain(expected));
    }

    [Test]
    public async Task Get_FunctionWithoutHandler_DefaultJsonAnswer()
    {
        var site = Deploy();

        var response = await Curl.GetAsync($"https://{site.Domain}/hello");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(json.RootElement.GetProperty("path").GetString(), Is.EqualTo("/hello"));
        Assert.That(json.RootElement.GetProperty("function_sid").GetString(), Is.EqualTo(site.Function));
        Assert.That(json.RootElement.GetProperty("function_version_sid").GetString(), Is.EqualTo(site.FunctionVersion));
        Assert.That(json.RootElement.GetProperty("environment_sid").GetString(), Is.EqualTo(site.Environment));
        Assert.That(Fake.Snapshot().Logs, Is.Empty);
    }

    [Test]
    public async Task MapFunction_SyncHandler_GetsQueryFormVariablesAndRequest()
    {
        var site = Deploy();
        FunctionRequest? seen = null;
        Fake.MapFunction("/hello", (request, _) =>
        {
            seen = request;
            return FunctionResponse.Json(new { greeting = $"{request.Variables["GREETING"]}, {request.Parameters["name"]}" });
        });

        var response = await Curl.PostAsync(
            $"https://{site.Domain}/hello?name=Ada&from=query",
            new FormUrlEncodedContent([new("Body", "hi there"), new("From", "+15550001111")]));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("{\"greeting\":\"Hello, Ada\"}"));
        Assert.That(seen, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(seen!.Method, Is.EqualTo("POST"));
            Assert.That(seen.Path, Is.EqualTo("/hello"));
            Assert.That(seen.DomainName, Is.EqualTo(site.Domain));
            Assert.That((seen.EnvironmentSid, seen.FunctionSid), Is.EqualTo((site.Environment, site.Function)));
            Assert.That(seen.Parameters, Is.EquivalentTo(new Dictionary<string, string> { ["name"] = "Ada", ["from"] = "query", ["Body"] = "hi there", ["From"] = "+15550001111" }));
            Assert.That(seen.Variables, Is.EquivalentTo(new Dictionary<string, string> { ["GREETING"] = "Hello", ["API_KEY"] = "k-123" }));
            Assert.That(seen.Body, Is.EqualTo("Body=hi+there&From=%2B15550001111"));
            Assert.That(seen.Headers.Keys, Has.Some.EqualTo("Content-Type").IgnoreCase);
            Assert.That(seen.Headers.Single(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Value, Is.EqualTo("33"), "as on the wire, on both transports");
        });
    }

    [Test]
    public async Task MapFunction_AsyncHandler_StatusHeadersAndBodyPassThrough()
    {
        var site = Deploy();
        Fake.MapFunction("/hello", async (request, console, ct) =>
        {
            await Task.Delay(1, ct);
            return new FunctionResponse
            {
                StatusCode = 201,
                Body = "<Response><Message>created</Message></Response>",
                ContentType = "text/xml",
                Headers = new Dictionary<string, string> { ["X-Custom"] = "yes", ["Cache-Control"] = "no-store" },
            };
        });

        var response = await Curl.GetAsync($"https://{site.Domain}/hello");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/xml"));
        Assert.That(response.Headers.GetValues("X-Custom"), Is.EqualTo(new[] { "yes" }));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("<Response><Message>created</Message></Response>"));
    }

    [Test]
    public async Task MapFunction_HeaderOrTypeNotValidOnTheWire_DroppedOrOctetStreamAndTheRestServed()
    {
        var site = Deploy();
        Fake.MapFunction("/hello", (_, _) => new FunctionResponse
        {
            Body = "served",
            ContentType = "text/html\r\nSet-Cookie: injected=1",
            Headers = new Dictionary<string, string> { ["X-Split"] = "yes\r\nX-Injected: 1", ["X-Caf\u00e9"] = "1", ["X-Good"] = "kept" },
        });

        var response = await Curl.GetAsync($"https://{site.Domain}/hello");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/octet-stream"));
        Assert.That(response.Headers.GetValues("X-Good"), Is.EqualTo(new[] { "kept" }));
        Assert.That(response.Headers.Select(h => h.Key), Has.None.StartsWith("X-Split").And.None.StartsWith("X-Injected").And.None.StartsWith("X-Caf"));
        Assert.That(response.Headers.Contains("Set-Cookie"), Is.False);
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("served"));
    }

    [Test]
    public async Task MapFunction_VariableChangedAfterDeploy_NextRequestSeesIt()
    {
        var site = Deploy();
        Fake.MapFunction("/hello", (request, _) => FunctionResponse.Text(request.Variables["GREETING"]));

        var before = await Curl.GetStringAsync($"https://{site.Domain}/hello");
        Fake.Account().SetVariable(site.Service, site.Environment, "GREETING", "Howdy");
        var after = await Curl.GetStringAsync($"https://{site.Domain}/hello");

        Assert.That((before, after), Is.EqualTo(("Hello", "Howdy")));
    }

    [Test]
    public async Task MapFunction_ConsoleLines_BecomeLogRecordsListedByTheSdk()
    {
        var site = Deploy();
        Fake.MapFunction("/hello", (request, console) =>
        {
            console.Log("starting " + request.Parameters["n"]);
            console.Warn("careful");
            console.Error("oops");
            return FunctionResponse.Text("ok");
        });

        Assert.That((await Curl.GetAsync($"https://{site.Domain}/hello?n=1")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Curl.GetAsync($"https://{site.Domain}/hello?n=2")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var logs = await LogResource.ReadAsync(site.Service, site.Environment, client: Twilio);
        var records = logs.ToList();

        Assert.That(records.Select(l => (l.Level.ToString(), l.Message)), Is.EqualTo(new[]
        {
            ("error", "oops"), ("warn", "careful"), ("info", "starting 2"),
            ("error", "oops"), ("warn", "careful"), ("info", "starting 1"),
        }), "newest first");
        Assert.That(records.Select(l => l.FunctionSid).Distinct(), Is.EqualTo(new[] { site.Function }));
        Assert.That(records.Select(l => l.BuildSid).Distinct(), Is.EqualTo(new[] { site.Build }));
        Assert.That(records.Select(l => l.DeploymentSid).Distinct(), Is.EqualTo(new[] { site.Deployment }));
        Assert.That(records.Select(l => l.RequestSid).Distinct().Count(), Is.EqualTo(2), "one request SID per invocation");
        Assert.That(records.GroupBy(l => l.RequestSid).Select(g => g.Count()), Is.All.EqualTo(3));
    }

    [Test]
    public async Task MapFunction_HandlerThrows_500AndAnErrorLog()
    {
        var site = Deploy();
        Fake.MapFunction("/hello", (_, console) =>
        {
            console.Log("before the crash");
            throw new InvalidOperationException("kaboom");
        });

        var response = await Curl.GetAsync($"https://{site.Domain}/hello");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("kaboom"));
        var logs = (await LogResource.ReadAsync(site.Service, site.Environment, client: Twilio)).ToList();
        Assert.That(logs.Select(l => l.Level.ToString()), Is.EquivalentTo(new[] { "info", "error" }));
        Assert.That(logs.Single(l => l.Level.ToString() == "error").Message, Does.Contain("kaboom").And.Contain(nameof(InvalidOperationException)));
        Assert.That(Fake.Journal.Entries.Single(e => e.Operation == "ServeDomain").StatusCode, Is.EqualTo(500));
    }

    [Test]
    public async Task MapFunction_OtherPath_DoesNotAnswerForThisFunction()
    {
        var site = Deploy();
        Fake.MapFunction("elsewhere", (_, _) => FunctionResponse.Text("wrong"));

        var response = await Curl.GetAsync($"https://{site.Domain}/hello");

        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("function_sid").And.Not.Contain("wrong"));
    }

    [Test]
    public async Task Get_NothingDeployed_404()
    {
        var account = Fake.Account();
        var service = account.CreateService("empty");
        var environment = account.CreateEnvironment(service.Sid, "dev", "dev");

        var response = await Curl.GetAsync($"https://{environment.DomainName}/hello");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Get_AfterClearing_404()
    {
        var site = Deploy();
        Assert.That((await Curl.GetAsync($"https://{site.Domain}/style.css")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var clearing = await Http.PostAsync($"/v1/Services/{site.Service}/Environments/{site.Environment}/Deployments", new FormUrlEncodedContent([]));
        Assert.That(clearing.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        Assert.That((await Curl.GetAsync($"https://{site.Domain}/style.css")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await Curl.GetAsync($"https://{site.Domain}/hello")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await Curl.GetAsync($"https://{site.Domain}/")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Get_AfterRedeploy_ServesTheNewBuildOnly()
    {
        var site = Deploy();
        var account = Fake.Account();
        var asset = account.CreateAsset(site.Service, "v2");
        var version = account.CreateAssetVersion(site.Service, asset.Sid, "/v2.txt", "second"u8.ToArray(), "text/plain");
        var build = account.CreateBuild(site.Service, assetVersionSids: [version.Sid]);
        account.Deploy(site.Service, site.Environment, build.Sid);

        Assert.That(await Curl.GetStringAsync($"https://{site.Domain}/v2.txt"), Is.EqualTo("second"));
        Assert.That((await Curl.GetAsync($"https://{site.Domain}/style.css")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Get_EnvironmentOrServiceDeleted_404()
    {
        var site = Deploy();
        var other = Deploy("other");

        Assert.That((await Http.DeleteAsync($"/v1/Services/{site.Service}/Environments/{site.Environment}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await Http.DeleteAsync($"/v1/Services/{other.Service}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        Assert.That((await Curl.GetAsync($"https://{site.Domain}/style.css")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await Curl.GetAsync($"https://{other.Domain}/style.css")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase("nobody-0000.twil.io")]
    [TestCase("SITE-0000-DEV.TWIL.IO")]
    public async Task Get_UnknownDomain_404(string host)
    {
        Deploy();

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Fake.Url, "/style.css"));
        request.Headers.Host = host;
        var response = await Curl.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain("body {"));
    }

    [Test]
    public async Task Get_TwoEnvironments_EachServesItsOwnBuild()
    {
        var site = Deploy();
        var account = Fake.Account();
        var production = account.CreateEnvironment(site.Service, "production");
        var asset = account.CreateAsset(site.Service, "prod");
        var version = account.CreateAssetVersion(site.Service, asset.Sid, "/style.css", "body { color: green; }"u8.ToArray(), "text/css");
        account.Deploy(site.Service, production.Sid, account.CreateBuild(site.Service, assetVersionSids: [version.Sid]).Sid);

        Assert.That(production.DomainName, Is.Not.EqualTo(site.Domain));
        Assert.That(await Curl.GetStringAsync($"https://{site.Domain}/style.css"), Is.EqualTo("body { color: red; }"));
        Assert.That(await Curl.GetStringAsync($"https://{production.DomainName}/style.css"), Is.EqualTo("body { color: green; }"));
    }

    [Test]
    public async Task RawHostHeader_SentToFakeUrl_ServesTheDomain()
    {
        // curl -H "Host: {domain}" {Fake.Url}/style.css: over the WireMock port (or in memory), no *.twil.io redirection involved.
        var site = Deploy();
        Fake.MapFunction("/hello", (request, _) => FunctionResponse.Text($"hi from {request.DomainName}"));
        using var plain = Transport == FakeServerlessTransport.Http ? new SystemHttpClient() : Fake.CreateHttpClient();

        async Task<HttpResponseMessage> Get(string path, string host)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Fake.Url, path));
            request.Headers.Host = host;
            return await plain.SendAsync(request);
        }

        var css = await Get("/style.css", site.Domain);
        var function = await Get("/hello", site.Domain.ToUpperInvariant());
        var api = await Get("/v1/Services", "serverless.twilio.com");

        Assert.That(css.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await css.Content.ReadAsStringAsync(), Is.EqualTo("body { color: red; }"));
        Assert.That(await function.Content.ReadAsStringAsync(), Is.EqualTo($"hi from {site.Domain}"));
        Assert.That(api.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a non-domain host is the API, which needs credentials");
        Assert.That(Fake.Journal.Entries.Count(e => e.Operation == "ServeDomain"), Is.EqualTo(2));
    }

    /// <summary>A service with an environment (with variables) and a live build of assets and functions of every visibility.</summary>
    [Test]
    public async Task Get_AssetWhoseImportedTypeIsNoMediaType_ServedAsOctetStreamWithoutInjectedHeaders()
    {
        var site = Deploy();
        var state = System.Text.Json.Nodes.JsonNode.Parse(Fake.ExportState().ToJson())!;
        foreach (var version in state["accounts"]![0]!["services"]!["items"]![0]!["builds"]!["items"]![0]!["build"]!["asset_versions"]!.AsArray())
        {
            version!["content_type"] = "text/html\r\nSet-Cookie: injected=1\r\n\r\nforged";
        }

        Fake.ImportState(FakeServerlessState.FromJson(state.ToJsonString()));
        var css = await Curl.GetAsync($"https://{site.Domain}/style.css");

        Assert.That(css.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(css.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/octet-stream"));
        Assert.That(css.Headers.Contains("Set-Cookie"), Is.False);
        Assert.That(await css.Content.ReadAsStringAsync(), Is.EqualTo("body { color: red; }"));
    }

    [Test]
    public void CreateAssetVersion_ContentTypeWithLineBreak_ThrowsAndStoresNothing()
    {
        var account = Fake.Account();
        var service = account.CreateService("typed");
        var asset = account.CreateAsset(service.Sid, "page");

        var error = Assert.Throws<InvalidOperationException>(() => account.CreateAssetVersion(service.Sid, asset.Sid, "/page.html", "x"u8.ToArray(), "text/html\nSet-Cookie: injected=1"));

        Assert.That(error!.Message, Does.Contain("ContentType"));
        Assert.That(account.Snapshot().AssetVersions, Is.Empty);
    }

    private Site Deploy(string name = "site", bool withIndex = true)
    {
        var account = Fake.Account();
        var service = account.CreateService(name);
        var environment = account.CreateEnvironment(service.Sid, "dev", "dev");
        account.SetVariable(service.Sid, environment.Sid, "GREETING", "Hello");
        account.SetVariable(service.Sid, environment.Sid, "API_KEY", "k-123");

        var function = account.CreateFunction(service.Sid, "hello");
        var functionVersions = new List<string>
        {
            account.CreateFunctionVersion(service.Sid, function.Sid, "/hello", "exports.handler = () => {};").Sid,
        };
        var privateFunction = account.CreateFunction(service.Sid, "private");
        functionVersions.Add(account.CreateFunctionVersion(service.Sid, privateFunction.Sid, "/private-fn", "x", Visibility.Private).Sid);
        var protectedFunction = account.CreateFunction(service.Sid, "protected");
        functionVersions.Add(account.CreateFunctionVersion(service.Sid, protectedFunction.Sid, "/protected-fn", "x", Visibility.Protected).Sid);

        var assets = new List<string>();
        void Asset(string path, byte[] content, string contentType, Visibility visibility = Visibility.Public)
        {
            var asset = account.CreateAsset(service.Sid, path.Trim('/'));
            assets.Add(account.CreateAssetVersion(service.Sid, asset.Sid, path, content, contentType, visibility).Sid);
        }

        Asset("/style.css", Encoding.UTF8.GetBytes("body { color: red; }"), "text/css");
        Asset("/img/logo.png", Png, "image/png");
        Asset("/secret.txt", Encoding.UTF8.GetBytes("top-secret-bytes"), "text/plain", Visibility.Private);
        Asset("/protected.txt", Encoding.UTF8.GetBytes("members only"), "text/plain", Visibility.Protected);
        if (withIndex)
        {
            Asset("/index.html", Encoding.UTF8.GetBytes("<h1>home</h1>"), "text/html");
        }

        var build = account.CreateBuild(service.Sid, functionVersions, assets);
        var deployment = account.Deploy(service.Sid, environment.Sid, build.Sid);
        return new Site(service.Sid, environment.Sid, environment.DomainName, function.Sid, functionVersions[0], build.Sid, deployment.Sid);
    }
}

using System.Text;
using FakeServerless.Reliability.Support;
using FakeServerless.Tests.Support;

namespace FakeServerless.Reliability;

/// <summary>
/// Issue 17, item 1: nothing the fake stores can later break a header line. The reported attack — an asset version uploaded with
/// <c>Content-Type: text/html\nSet-Cookie: injected=1</c> — is refused (400, nothing stored) on the port, in memory and through
/// the proxy; a canned function's content type or header with CR/LF or non-ASCII is refused; and a stored type that is no media
/// type (an imported state) is served as <c>application/octet-stream</c>, with no injected header on the wire.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class HeaderInjectionTests
{
    private const string Account = "AC00000000000000000000000000000001";
    private const string Injected = "text/html\nSet-Cookie: injected=1\nX-Injected: yes";

    [TestCase("Cli")]
    [TestCase("InMemory")]
    public async Task Upload_ContentTypeWithLineBreaks_400AndNothingStored(string targetName)
    {
        using var target = await Target.StartAsync(targetName);
        var api = new Api(target.Client, Account);

        var (status, body, listed) = await UploadAsync(api, Injected);

        Assert.That(status, Is.EqualTo(400), body);
        Assert.That(Api.Field(body, "code"), Is.EqualTo("20001"));
        Assert.That(body, Does.Contain("Content-Type"));
        Assert.That(listed, Is.Empty, "nothing stored");
    }

    [TestCase("https")]
    [TestCase("http")]
    public async Task Upload_ContentTypeWithLineBreaksThroughTheProxy_400AndNothingStored(string scheme)
    {
        using var fake = Proxied.Start();
        try
        {
            using var client = Proxied.Client(fake);
            var api = new Api(client, Account, baseUrl: $"{scheme}://serverless.twilio.com/v1");

            var (status, body, listed) = await UploadAsync(api, Injected);

            Assert.That(status, Is.EqualTo(400), body);
            Assert.That(listed, Is.Empty);
            Assert.That(fake.Journal.OfOperation("CreateAssetVersion").Single().Transport, Is.EqualTo("proxy"));
        }
        finally
        {
            fake.Dispose();
            Proxied.Cleanup(fake);
        }
    }

    [TestCase("text/html; charset=caf\u00e9")]
    [TestCase("text/html\r\nX-Injected: yes")]
    [TestCase("text/html\u0000")]
    public async Task CannedFunction_ContentTypeOrHeaderNotValidOnTheWire_400(string value)
    {
        using var cli = await CliProcess.StartAsync();
        using var http = new HttpClient { BaseAddress = cli.Url };

        using var contentType = await http.PostAsync("/_fake/functions", Json(new { path = "/x", content_type = value }));
        using var header = await http.PostAsync("/_fake/functions", Json(new { path = "/x", headers = new Dictionary<string, string> { ["X-Canned"] = value } }));

        Assert.That((int)contentType.StatusCode, Is.EqualTo(400), await contentType.Content.ReadAsStringAsync());
        Assert.That(await contentType.Content.ReadAsStringAsync(), Does.Contain("content_type"));
        Assert.That((int)header.StatusCode, Is.EqualTo(400), await header.Content.ReadAsStringAsync());
        Assert.That(await header.Content.ReadAsStringAsync(), Does.Contain("headers.X-Canned"));
    }

    [Test]
    public async Task ServeDomain_ImportedTypeWithLineBreaks_OctetStreamAndNoInjectedHeaderOnTheWire()
    {
        using var cli = await CliProcess.StartAsync();
        using var http = new HttpClient { BaseAddress = cli.Url };
        var api = new Api(new HttpClient(new FakeServerless.Transports.RedirectingHandler(cli.Url, new SocketsHttpHandler())), Account);
        var service = await api.CreateAsync("/Services", ("UniqueName", "site"), ("FriendlyName", "Site"));
        var environment = await api.PostAsync($"/Services/{service}/Environments", ("UniqueName", "dev"), ("DomainSuffix", "dev"));
        var asset = await api.CreateAsync($"/Services/{service}/Assets", ("FriendlyName", "index"));
        using var upload = RawMultipart.Upload("/index.html", "public", "<h1>hi</h1>", "text/html");
        var (_, version) = await api.SendAsync(HttpMethod.Post, $"https://serverless-upload.twilio.com/v1/Services/{service}/Assets/{asset}/Versions", content: upload);
        var build = await api.CreateAsync($"/Services/{service}/Builds", ("AssetVersions", Api.Field(version, "sid")));
        await api.GetAsync($"/Services/{service}/Builds/{build}");
        await api.CreateAsync($"/Services/{service}/Environments/{Api.Field(environment.Body, "sid")}/Deployments", ("BuildSid", build));
        var state = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync("/_fake/state"))!;
        foreach (var list in new[] { "asset_versions" })
        {
            state["accounts"]![0]!["services"]!["items"]![0]!["builds"]!["items"]![0]!["build"]![list]![0]!["content_type"] = "text/html\r\nSet-Cookie: injected=1\r\n\r\nHTTP/1.1 200 OK";
        }

        using var put = await http.PutAsync("/_fake/state", new StringContent(state.ToJsonString(), Encoding.UTF8, "application/json"));
        var answer = await RawHttp.SendAsync(cli.Url, $"GET /index.html HTTP/1.1\r\nHost: {Api.Field(environment.Body, "domain_name")}\r\nConnection: close\r\n\r\n");

        Assert.That((int)put.StatusCode, Is.EqualTo(204), await put.Content.ReadAsStringAsync());
        Assert.That(answer.Status, Is.EqualTo(200), answer.Head);
        Assert.That(answer.Header("Content-Type"), Is.EqualTo("application/octet-stream"));
        Assert.That(answer.Head, Does.Not.Contain("Set-Cookie").And.Not.Contain("injected"));
        Assert.That(answer.Body, Is.EqualTo("<h1>hi</h1>"));
    }

    [TestCase("port")]
    [TestCase("proxy")]
    public async Task MapFunction_AnswerWithLineBreaks_NoInjectedHeaderOnTheWire(string writer)
    {
        using var fake = Proxied.Start();
        try
        {
            var account = fake.Account();
            var service = account.CreateService("site");
            var environment = account.CreateEnvironment(service.Sid, "dev", "dev");
            var function = account.CreateFunction(service.Sid, "hello");
            var version = account.CreateFunctionVersion(service.Sid, function.Sid, "/hello", "exports.handler = () => {};");
            account.Deploy(service.Sid, environment.Sid, account.CreateBuild(service.Sid, [version.Sid], []).Sid);
            fake.MapFunction("/hello", (_, _) => new FunctionResponse
            {
                Body = "served",
                ContentType = Injected,
                Headers = new Dictionary<string, string> { ["X-Split"] = "yes\r\n\r\nHTTP/1.1 200 OK", ["X-Good"] = "kept" },
            });
            var (server, target) = writer == "port" ? (fake.Url, "/hello") : (fake.ProxyUrl!, $"http://{environment.DomainName}/hello");

            var answer = await RawHttp.SendAsync(server, $"GET {target} HTTP/1.1\r\nHost: {environment.DomainName}\r\nConnection: close\r\n\r\n");

            Assert.That(answer.Status, Is.EqualTo(200), answer.Head);
            Assert.That(answer.Header("Content-Type"), Is.EqualTo("application/octet-stream"));
            Assert.That(answer.Header("X-Good"), Is.EqualTo("kept"));
            Assert.That(answer.Head, Does.Not.Contain("Set-Cookie").And.Not.Contain("X-Injected").And.Not.Contain("X-Split"));
            Assert.That(answer.Body, Is.EqualTo("served"));
        }
        finally
        {
            fake.Dispose();
            Proxied.Cleanup(fake);
        }
    }

    /// <summary>A service and asset, then an upload whose file part's Content-Type line is <paramref name="contentType"/>; and the versions listed after.</summary>
    private static async Task<(int Status, string Body, List<System.Text.Json.JsonElement> Listed)> UploadAsync(Api api, string contentType)
    {
        var service = await api.CreateAsync("/Services", ("UniqueName", "injected"), ("FriendlyName", "Injected"));
        var asset = await api.CreateAsync($"/Services/{service}/Assets", ("FriendlyName", "index"));
        using var upload = RawMultipart.Upload("/index.html", "public", "<h1>hi</h1>", contentType);
        var (status, body) = await api.SendAsync(HttpMethod.Post, $"{api.BaseUrl.Replace("://serverless.", "://serverless-upload.", StringComparison.Ordinal)}/Services/{service}/Assets/{asset}/Versions", content: upload);
        var listed = await api.ListAllAsync($"/Services/{service}/Assets/{asset}/Versions", "asset_versions");
        return (status, body, listed);
    }

    private static StringContent Json(object value) => new(System.Text.Json.JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");
}

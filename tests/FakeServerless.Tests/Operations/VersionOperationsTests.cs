using System.Text;
using FakeServerless.Tests.Support;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Environment;
using Twilio.Rest.Serverless.V1.Service.Function;
using Twilio.Rest.Serverless.V1.Service.Function.FunctionVersion;

namespace FakeServerless.Tests.Operations;

[TestFixtureSource(typeof(TransportCase), nameof(TransportCase.All))]
public sealed class VersionOperationsTests(FakeServerlessTransport transport) : OperationsTestBase(transport)
{
    private const string Code = "exports.handler = (context, event, callback) => callback(null, 'hello');";

    private string _serviceSid = string.Empty;
    private string _functionSid = string.Empty;
    private string _assetSid = string.Empty;

    [SetUp]
    public async Task CreateFunctionAndAsset()
    {
        _serviceSid = (await CreateServiceAsync()).Sid;
        _functionSid = (await FunctionResource.CreateAsync(_serviceSid, friendlyName: "hello", client: Twilio)).Sid;
        _assetSid = (await AssetResource.CreateAsync(_serviceSid, friendlyName: "style", client: Twilio)).Sid;
    }

    [TestCase(UploadBase)]
    [TestCase(ApiBase)]
    public async Task UploadFunctionVersion_Multipart_Returns201WithVersionFields(string baseUrl)
    {
        using var form = VersionForm("/hello", "protected", Encoding.UTF8.GetBytes(Code));

        using var response = await Http.PostAsync($"{baseUrl}/Services/{_serviceSid}/Functions/{_functionSid}/Versions", form);

        var body = await JsonAsync(response);
        Assert.That((int)response.StatusCode, Is.EqualTo(201), body.ToString());
        var sid = body.GetProperty("sid").GetString();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sid, Does.Match("^ZN[0-9a-f]{32}$"));
            Assert.That(body.GetProperty("account_sid").GetString(), Is.EqualTo(Fake.AccountSid));
            Assert.That(body.GetProperty("service_sid").GetString(), Is.EqualTo(_serviceSid));
            Assert.That(body.GetProperty("function_sid").GetString(), Is.EqualTo(_functionSid));
            Assert.That(body.GetProperty("path").GetString(), Is.EqualTo("/hello"));
            Assert.That(body.GetProperty("visibility").GetString(), Is.EqualTo("protected"));
            Assert.That(body.GetProperty("date_created").GetString(), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"));
            Assert.That(body.GetProperty("url").GetString(), Does.EndWith($"/v1/Services/{_serviceSid}/Functions/{_functionSid}/Versions/{sid}"));
            Assert.That(body.GetProperty("links").GetProperty("function_version_content").GetString(), Does.EndWith($"/Versions/{sid}/Content"));
        }
    }

    [TestCase(UploadBase)]
    [TestCase(ApiBase)]
    public async Task UploadAssetVersion_Multipart_Returns201WithVersionFields(string baseUrl)
    {
        using var form = VersionForm("/style.css", "public", Encoding.UTF8.GetBytes("body {}"), "text/css", "style.css");

        using var response = await Http.PostAsync($"{baseUrl}/Services/{_serviceSid}/Assets/{_assetSid}/Versions", form);

        var body = await JsonAsync(response);
        Assert.That((int)response.StatusCode, Is.EqualTo(201), body.ToString());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body.GetProperty("sid").GetString(), Does.Match("^ZN[0-9a-f]{32}$"));
            Assert.That(body.GetProperty("asset_sid").GetString(), Is.EqualTo(_assetSid));
            Assert.That(body.GetProperty("path").GetString(), Is.EqualTo("/style.css"));
            Assert.That(body.GetProperty("visibility").GetString(), Is.EqualTo("public"));
        }
    }

    [TestCase(CodeKind.Function, "private")]
    [TestCase(CodeKind.Asset, "protected")]
    public async Task FetchVersion_AfterUpload_ReturnsPathAndVisibility(CodeKind kind, string visibility)
    {
        var sid = await UploadVersionAsync(kind, _serviceSid, Parent(kind), "/secret", visibility);

        var version = await kind.FetchVersionAsync(_serviceSid, Parent(kind), sid, Twilio);

        Assert.That(version, Is.EqualTo(new CodeVersion(sid, Parent(kind), _serviceSid, "/secret", visibility)));
    }

    [Test]
    public async Task ReadVersions_ListsNewestFirst([Values] CodeKind kind)
    {
        var first = await UploadVersionAsync(kind, _serviceSid, Parent(kind), "/hello");
        var second = await UploadVersionAsync(kind, _serviceSid, Parent(kind), "/hello");
        var third = await UploadVersionAsync(kind, _serviceSid, Parent(kind), "/hello");

        var versions = await kind.ReadVersionsAsync(_serviceSid, Parent(kind), Twilio);

        Assert.That(versions, Is.EqualTo(new[] { third, second, first }));
    }

    [Test]
    public async Task FetchFunctionVersionContent_ReturnsTheUploadedCode()
    {
        var sid = await UploadFunctionVersionAsync(_serviceSid, _functionSid, "/hello", code: Code);

        var content = await FunctionVersionContentResource.FetchAsync(_serviceSid, _functionSid, sid, client: Twilio);

        Assert.That((content.Sid, content.FunctionSid, content.Content), Is.EqualTo((sid, _functionSid, Code)));
        Assert.That(content.Url.AbsolutePath, Is.EqualTo($"/v1/Services/{_serviceSid}/Functions/{_functionSid}/Versions/{sid}/Content"));
    }

    [Test]
    public async Task ReadFunctionVersions_OnlyListsThatFunctionsVersions()
    {
        var other = await FunctionResource.CreateAsync(_serviceSid, friendlyName: "other", client: Twilio);
        await UploadFunctionVersionAsync(_serviceSid, other.Sid, "/other");
        var mine = await UploadFunctionVersionAsync(_serviceSid, _functionSid, "/hello");

        var versions = await FunctionVersionResource.ReadAsync(_serviceSid, _functionSid, client: Twilio);

        Assert.That(versions.Select(v => v.Sid), Is.EqualTo(new[] { mine }));
    }

    [Test]
    public async Task UploadAssetVersion_Deployed_DomainServesBytesWithContentType()
    {
        var environment = await CreateEnvironmentAsync(_serviceSid);
        var sid = await UploadAssetVersionAsync(_serviceSid, _assetSid, "/style.css", text: "p { margin: 0; }", contentType: "text/css");
        var build = await CreateCompletedBuildAsync(_serviceSid, [], [sid]);
        await DeploymentResource.CreateAsync(_serviceSid, environment.Sid, buildSid: build.Sid, client: Twilio);

        using var response = await Http.GetAsync($"https://{environment.DomainName}/style.css");

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/css"));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("p { margin: 0; }"));
    }

    [Test]
    public async Task UploadFunctionVersion_PathWithoutLeadingSlash_GetsOne()
    {
        var sid = await UploadFunctionVersionAsync(_serviceSid, _functionSid, "api/hello");

        var version = await FunctionVersionResource.FetchAsync(_serviceSid, _functionSid, sid, client: Twilio);

        Assert.That(version.Path, Is.EqualTo("/api/hello"));
    }

    [TestCase(null, "public", true, "Missing required parameter Path in the post body")]
    [TestCase("/hello", null, true, "Missing required parameter Visibility in the post body")]
    [TestCase("/hello", "public", false, "Missing required parameter Content in the post body")]
    public async Task UploadFunctionVersion_MissingPart_Returns400NamingIt(string? path, string? visibility, bool withContent, string message)
    {
        using var form = VersionForm(path, visibility, withContent ? Encoding.UTF8.GetBytes(Code) : null);

        using var response = await Http.PostAsync($"{UploadBase}/Services/{_serviceSid}/Functions/{_functionSid}/Versions", form);

        var body = await JsonAsync(response);
        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        Assert.That((body.GetProperty("code").GetInt32(), body.GetProperty("status").GetInt32(), body.GetProperty("message").GetString()), Is.EqualTo((20001, 400, message)));
        Assert.That(Fake.Snapshot().FunctionVersions, Is.Empty);
    }

    [Test]
    public async Task UploadFunctionVersion_UnknownVisibility_Returns400()
    {
        using var form = VersionForm("/hello", "secret", Encoding.UTF8.GetBytes(Code));

        using var response = await Http.PostAsync($"{UploadBase}/Services/{_serviceSid}/Functions/{_functionSid}/Versions", form);

        var body = await JsonAsync(response);
        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        Assert.That(body.GetProperty("message").GetString(), Does.Contain("Visibility"));
    }

    [TestCase("/with space")]
    [TestCase("/query?x")]
    [TestCase("/hash#x")]
    public async Task UploadFunctionVersion_PathWithForbiddenCharacter_Returns400(string path)
    {
        using var form = VersionForm(path, "public", Encoding.UTF8.GetBytes(Code));

        using var response = await Http.PostAsync($"{UploadBase}/Services/{_serviceSid}/Functions/{_functionSid}/Versions", form);

        var body = await JsonAsync(response);
        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        Assert.That(body.GetProperty("code").GetInt32(), Is.EqualTo(20001));
    }

    [Test]
    public async Task UploadFunctionVersion_UnknownFunction_Returns404()
    {
        using var form = VersionForm("/hello", "public", Encoding.UTF8.GetBytes(Code));
        const string functionSid = "ZH0123456789abcdef0123456789abcdef";

        using var response = await Http.PostAsync($"{UploadBase}/Services/{_serviceSid}/Functions/{functionSid}/Versions", form);

        var body = await JsonAsync(response);
        Assert.That((int)response.StatusCode, Is.EqualTo(404));
        Assert.That(body.GetProperty("message").GetString(), Is.EqualTo($"The requested resource /Services/{_serviceSid}/Functions/{functionSid}/Versions was not found"));
    }

    [Test]
    public async Task UploadFunctionVersion_WithoutCredentials_Returns401()
    {
        using var anonymous = CreateRawClient(null, null);
        using var form = VersionForm("/hello", "public", Encoding.UTF8.GetBytes(Code));

        using var response = await anonymous.PostAsync($"{UploadBase}/Services/{_serviceSid}/Functions/{_functionSid}/Versions", form);

        Assert.That((int)response.StatusCode, Is.EqualTo(401));
        Assert.That((await JsonAsync(response)).GetProperty("code").GetInt32(), Is.EqualTo(20003));
        Assert.That(Fake.Snapshot().FunctionVersions, Is.Empty);
    }

    [Test]
    public async Task FetchFunctionVersion_Unknown_Returns404()
    {
        var error = await ApiErrorAsync(() => FunctionVersionResource.FetchAsync(_serviceSid, _functionSid, "ZN0123456789abcdef0123456789abcdef", client: Twilio));

        AssertError(error, 404, 20404);
    }

    [Test]
    public async Task FetchFunctionVersion_UnderAnotherFunction_Returns404()
    {
        var other = await FunctionResource.CreateAsync(_serviceSid, friendlyName: "other", client: Twilio);
        var sid = await UploadFunctionVersionAsync(_serviceSid, other.Sid, "/other");

        var error = await ApiErrorAsync(() => FunctionVersionResource.FetchAsync(_serviceSid, _functionSid, sid, client: Twilio));

        AssertError(error, 404, 20404);
    }

    [Test]
    public async Task UploadAssetVersion_BinaryContent_ServedByteForByte()
    {
        var environment = await CreateEnvironmentAsync(_serviceSid);
        var bytes = Enumerable.Range(0, 1024).Select(i => (byte)(i * 7 % 256)).Concat("\r\n--boundary--\r\n"u8.ToArray()).ToArray();
        using var form = VersionForm("/blob.bin", "public", bytes, "application/octet-stream", "blob.bin");
        using var upload = await Http.PostAsync($"{UploadBase}/Services/{_serviceSid}/Assets/{_assetSid}/Versions", form);
        Assert.That((int)upload.StatusCode, Is.EqualTo(201));
        var sid = (await JsonAsync(upload)).GetProperty("sid").GetString()!;
        var build = await CreateCompletedBuildAsync(_serviceSid, [], [sid]);
        await DeploymentResource.CreateAsync(_serviceSid, environment.Sid, buildSid: build.Sid, client: Twilio);

        using var response = await Http.GetAsync($"https://{environment.DomainName}/blob.bin");

        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(bytes));
    }

    [TestCase("Assets", "text/html\nSet-Cookie: injected=1")]
    [TestCase("Assets", "text/html\rSet-Cookie: injected=1")]
    [TestCase("Assets", "text/html; charset=caf\u00e9")]
    [TestCase("Assets", "text/\u0001html")]
    [TestCase("Assets", "not a media type")]
    [TestCase("Functions", "application/javascript\nX-Injected: yes")]
    public async Task UploadVersion_FilePartContentTypeNotAMediaType_400NamingItAndNothingStored(string kind, string contentType)
    {
        var parent = kind == "Assets" ? _assetSid : _functionSid;
        using var body = RawMultipart.Upload("/index.html", "public", "<h1>hi</h1>", contentType);

        using var response = await Http.PostAsync($"{UploadBase}/Services/{_serviceSid}/{kind}/{parent}/Versions", body);

        var json = await JsonAsync(response);
        Assert.That((int)response.StatusCode, Is.EqualTo(400), json.ToString());
        Assert.That(json.GetProperty("code").GetInt32(), Is.EqualTo(20001));
        Assert.That(json.GetProperty("message").GetString(), Does.Contain("Content-Type of the Content file part"));
        Assert.That(Fake.Snapshot().AssetVersions.Concat<object>(Fake.Snapshot().FunctionVersions), Is.Empty);
    }

    [TestCase("text/html; charset=utf-8")]
    [TestCase("image/svg+xml")]
    [TestCase("text/plain; charset=\"utf-8\"; format=flowed")]
    public async Task UploadAssetVersion_ValidMediaType_StoredAndServedAsSent(string contentType)
    {
        var environment = await CreateEnvironmentAsync(_serviceSid);
        using var body = RawMultipart.Upload("/index.html", "public", "<h1>hi</h1>", contentType);
        using var upload = await Http.PostAsync($"{UploadBase}/Services/{_serviceSid}/Assets/{_assetSid}/Versions", body);
        Assert.That((int)upload.StatusCode, Is.EqualTo(201), await upload.Content.ReadAsStringAsync());
        var build = await CreateCompletedBuildAsync(_serviceSid, [], [(await JsonAsync(upload)).GetProperty("sid").GetString()!]);
        await DeploymentResource.CreateAsync(_serviceSid, environment.Sid, buildSid: build.Sid, client: Twilio);

        using var response = await Http.GetAsync($"https://{environment.DomainName}/index.html");

        Assert.That(response.Content.Headers.GetValues("Content-Type").Single(), Is.EqualTo(contentType));
    }
    private string Parent(CodeKind kind) => kind == CodeKind.Function ? _functionSid : _assetSid;
}

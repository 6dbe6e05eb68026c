using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using FakeServerless.Tests.Support;

namespace FakeServerless.Tests.Wire.OpenApi;

/// <summary>
/// Drives every operation of the spec over raw HTTP and checks every response body against Twilio's OpenAPI response schema
/// of that operation and status (strictly: every field present, no unknown field), list envelopes included. The version
/// uploads (not in the spec) are checked against the version component schemas. The spec's runtime enum stops at node22 (no
/// node24), so the builds here use the default runtime (node22) and node20.
/// </summary>
[TestFixtureSource(typeof(TransportCase), nameof(TransportCase.All))]
public sealed class OpenApiConformanceTests(FakeServerlessTransport transport) : FakeTestBase(transport)
{
    private readonly HashSet<string> _validated = new(StringComparer.Ordinal);
    private readonly List<string> _violations = [];
    private OpenApiResponseValidator _validator = null!;

    [SetUp]
    public void LoadSpec() => _validator = OpenApiResponseValidator.SharedOrIgnore();

    [Test]
    public async Task EveryOperation_FullScenario_ResponsesMatchTheSpecSchemas()
    {
        // Services
        var service = await Call("CreateService", HttpMethod.Post, "/v1/Services", 201,
            Form(("UniqueName", "conformance"), ("FriendlyName", "Conformance"), ("IncludeCredentials", "true"), ("UiEditable", "false")));
        var zs = Sid(service);
        var doomedService = Sid(await Call("CreateService", HttpMethod.Post, "/v1/Services", 201, Form(("UniqueName", "doomed"), ("FriendlyName", "Doomed"))));
        await Call("FetchService", HttpMethod.Get, $"/v1/Services/{zs}", 200);
        await Call("FetchService", HttpMethod.Get, "/v1/Services/conformance", 200);
        await Call("UpdateService", HttpMethod.Post, $"/v1/Services/{zs}", 200, Form(("FriendlyName", "Renamed"), ("UiEditable", "true")));
        await Call("ListService", HttpMethod.Get, "/v1/Services", 200);
        await Call("ListService", HttpMethod.Get, "/v1/Services?PageSize=1", 200);
        await Call("ListService", HttpMethod.Get, "/v1/Services?PageSize=1&Page=1", 200);
        await Call("DeleteService", HttpMethod.Delete, $"/v1/Services/{doomedService}", 204);

        // Environments
        var environment = await Call("CreateEnvironment", HttpMethod.Post, $"/v1/Services/{zs}/Environments", 201, Form(("UniqueName", "staging"), ("DomainSuffix", "stage")));
        var ze = Sid(environment);
        var bare = Sid(await Call("CreateEnvironment", HttpMethod.Post, $"/v1/Services/{zs}/Environments", 201, Form(("UniqueName", "production"))));
        await Call("FetchEnvironment", HttpMethod.Get, $"/v1/Services/{zs}/Environments/{ze}", 200);
        await Call("ListEnvironment", HttpMethod.Get, $"/v1/Services/{zs}/Environments", 200);

        // Variables
        var envPath = $"/v1/Services/{zs}/Environments/{ze}";
        var variable = Sid(await Call("CreateVariable", HttpMethod.Post, $"{envPath}/Variables", 201, Form(("Key", "GREETING"), ("Value", "hello"))));
        var doomedVariable = Sid(await Call("CreateVariable", HttpMethod.Post, $"{envPath}/Variables", 201, Form(("Key", "TEMP"), ("Value", "x"))));
        await Call("FetchVariable", HttpMethod.Get, $"{envPath}/Variables/{variable}", 200);
        await Call("UpdateVariable", HttpMethod.Post, $"{envPath}/Variables/{variable}", 200, Form(("Value", "hi")));
        await Call("DeleteVariable", HttpMethod.Delete, $"{envPath}/Variables/{doomedVariable}", 204);
        await Call("ListVariable", HttpMethod.Get, $"{envPath}/Variables", 200);

        // Functions and their versions (the multipart upload to the upload host is not in the spec: it answers a version resource)
        var function = Sid(await Call("CreateFunction", HttpMethod.Post, $"/v1/Services/{zs}/Functions", 201, Form(("FriendlyName", "hello"))));
        var doomedFunction = Sid(await Call("CreateFunction", HttpMethod.Post, $"/v1/Services/{zs}/Functions", 201, Form(("FriendlyName", "temp"))));
        await Call("FetchFunction", HttpMethod.Get, $"/v1/Services/{zs}/Functions/{function}", 200);
        await Call("UpdateFunction", HttpMethod.Post, $"/v1/Services/{zs}/Functions/{function}", 200, Form(("FriendlyName", "hello-world")));
        await Call("ListFunction", HttpMethod.Get, $"/v1/Services/{zs}/Functions", 200);
        var functionVersion = Sid(await Call("CreateFunctionVersion", HttpMethod.Post, $"https://serverless-upload.twilio.com/v1/Services/{zs}/Functions/{function}/Versions", 201,
            Upload("/hello", "public", "exports.handler = (context, event, callback) => callback(null, 'hi');", "application/javascript"),
            componentSchema: "serverless.v1.service.function.function_version"));
        await Call("FetchFunctionVersion", HttpMethod.Get, $"/v1/Services/{zs}/Functions/{function}/Versions/{functionVersion}", 200);
        await Call("FetchFunctionVersionContent", HttpMethod.Get, $"/v1/Services/{zs}/Functions/{function}/Versions/{functionVersion}/Content", 200);
        await Call("ListFunctionVersion", HttpMethod.Get, $"/v1/Services/{zs}/Functions/{function}/Versions", 200);
        await Call("DeleteFunction", HttpMethod.Delete, $"/v1/Services/{zs}/Functions/{doomedFunction}", 204);

        // Assets and their versions
        var asset = Sid(await Call("CreateAsset", HttpMethod.Post, $"/v1/Services/{zs}/Assets", 201, Form(("FriendlyName", "index"))));
        var doomedAsset = Sid(await Call("CreateAsset", HttpMethod.Post, $"/v1/Services/{zs}/Assets", 201, Form(("FriendlyName", "temp"))));
        await Call("FetchAsset", HttpMethod.Get, $"/v1/Services/{zs}/Assets/{asset}", 200);
        await Call("UpdateAsset", HttpMethod.Post, $"/v1/Services/{zs}/Assets/{asset}", 200, Form(("FriendlyName", "index-page")));
        await Call("ListAsset", HttpMethod.Get, $"/v1/Services/{zs}/Assets", 200);
        var assetVersion = Sid(await Call("CreateAssetVersion", HttpMethod.Post, $"https://serverless-upload.twilio.com/v1/Services/{zs}/Assets/{asset}/Versions", 201,
            Upload("/index.html", "protected", "<h1>hi</h1>", "text/html"),
            componentSchema: "serverless.v1.service.asset.asset_version"));
        await Call("FetchAssetVersion", HttpMethod.Get, $"/v1/Services/{zs}/Assets/{asset}/Versions/{assetVersion}", 200);
        await Call("ListAssetVersion", HttpMethod.Get, $"/v1/Services/{zs}/Assets/{asset}/Versions", 200);
        await Call("DeleteAsset", HttpMethod.Delete, $"/v1/Services/{zs}/Assets/{doomedAsset}", 204);

        // Builds and their status
        var build = await Call("CreateBuild", HttpMethod.Post, $"/v1/Services/{zs}/Builds", 201, Form(
            ("FunctionVersions", functionVersion), ("AssetVersions", assetVersion), ("Dependencies", "[{\"name\":\"twilio\",\"version\":\"^5.0.0\"}]")));
        var zb = Sid(build);
        Assert.That(build["status"]?.GetValue<string>(), Is.EqualTo("building"));
        var status = await Call("FetchBuildStatus", HttpMethod.Get, $"/v1/Services/{zs}/Builds/{zb}/Status", 200);
        Assert.That(status["status"]?.GetValue<string>(), Is.EqualTo("completed"));
        await Call("FetchBuild", HttpMethod.Get, $"/v1/Services/{zs}/Builds/{zb}", 200);
        var doomedBuild = Sid(await Call("CreateBuild", HttpMethod.Post, $"/v1/Services/{zs}/Builds", 201, Form(("AssetVersions", assetVersion), ("Runtime", "node20"))));
        await Call("ListBuild", HttpMethod.Get, $"/v1/Services/{zs}/Builds", 200);
        await Call("DeleteBuild", HttpMethod.Delete, $"/v1/Services/{zs}/Builds/{doomedBuild}", 204);

        // Deployments: deploy, then clear (build_sid null on the deployment and the environment)
        var deployment = Sid(await Call("CreateDeployment", HttpMethod.Post, $"{envPath}/Deployments", 201, Form(("BuildSid", zb))));
        await Call("FetchDeployment", HttpMethod.Get, $"{envPath}/Deployments/{deployment}", 200);
        await Call("ListDeployment", HttpMethod.Get, $"{envPath}/Deployments", 200);

        // Logs: one written by the C# side, one by a function invocation on the domain
        var log = Fake.Account().AppendLog(zs, ze, "written from C#", "warn", function);
        Fake.MapFunction("/hello", (_, console) =>
        {
            console.Log("invoked");
            return FunctionResponse.Text("hi");
        });
        var invoked = await Http.GetAsync(new Uri($"https://{environment["domain_name"]!.GetValue<string>()}/hello"));
        Assert.That(invoked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await Call("ListLog", HttpMethod.Get, $"{envPath}/Logs", 200);
        await Call("ListLog", HttpMethod.Get, $"{envPath}/Logs?FunctionSid={function}&PageSize=1", 200);
        await Call("FetchLog", HttpMethod.Get, $"{envPath}/Logs/{log.Sid}", 200);

        var clearing = await Call("CreateDeployment", HttpMethod.Post, $"{envPath}/Deployments", 201, Form());
        Assert.That(clearing["build_sid"], Is.Null);
        var cleared = await Call("FetchEnvironment", HttpMethod.Get, envPath, 200);
        Assert.That(cleared["build_sid"], Is.Null);
        await Call("ListDeployment", HttpMethod.Get, $"{envPath}/Deployments", 200);
        await Call("FetchDeployment", HttpMethod.Get, $"{envPath}/Deployments/{Sid(clearing)}", 200);
        await Call("DeleteEnvironment", HttpMethod.Delete, $"/v1/Services/{zs}/Environments/{bare}", 204);
        await Call("ListEnvironment", HttpMethod.Get, $"/v1/Services/{zs}/Environments?PageSize=1", 200);

        Assert.Multiple(() =>
        {
            Assert.That(_violations, Is.Empty, "responses that break the spec's schemas");
            Assert.That(_validator.Routes.Keys.Except(_validated).Order(), Is.Empty, "operations of the spec the scenario did not exercise");
        });
    }

    /// <summary>Sends a request, checks the status and that the fake ran <paramref name="operationId"/>, and validates the body.</summary>
    private async Task<JsonObject> Call(string operationId, HttpMethod method, string pathOrUrl, int expectedStatus, HttpContent? content = null, string? componentSchema = null)
    {
        using var request = new HttpRequestMessage(method, pathOrUrl) { Content = content };
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(expectedStatus), $"{method} {pathOrUrl}: {body}");
        Assert.That(Fake.Journal.Entries[^1].Operation, Is.EqualTo(operationId), $"{method} {pathOrUrl} was routed elsewhere");

        _validated.Add(operationId);
        var violations = componentSchema is null ? _validator.Validate(operationId, expectedStatus, body) : _validator.ValidateComponent(componentSchema, body);
        _violations.AddRange(violations.Select(v => $"{operationId} {method} {pathOrUrl}: {v}"));
        return body.Length == 0 ? [] : JsonNode.Parse(body)!.AsObject();
    }

    private static string Sid(JsonObject resource) => resource["sid"]!.GetValue<string>();

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] pairs) =>
        new(pairs.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));

    private static MultipartFormDataContent Upload(string path, string visibility, string text, string contentType)
    {
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent
        {
            { new StringContent(path), "Path" },
            { new StringContent(visibility), "Visibility" },
            { file, "Content", "file" },
        };
    }
}

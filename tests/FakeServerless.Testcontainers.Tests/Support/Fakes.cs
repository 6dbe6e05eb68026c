using FakeServerless.Testcontainers.Tests;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Twilio.Clients;
using Twilio.Http;
using HttpClient = System.Net.Http.HttpClient;
using Twilio.Rest.Serverless.V1;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Environment;

namespace FakeServerless.Testcontainers.Tests.Support;

/// <summary>What the tests do to a started container: the Twilio SDK on it, a deploy, and its state read back.</summary>
public static class Fakes
{
    public static FakeServerlessBuilder Builder() => new(DockerSetUp.Image);

    /// <summary>The Twilio SDK on <paramref name="http"/> (a client from <see cref="FakeServerlessContainer.CreateHttpClient"/> or through the proxy).</summary>
    public static TwilioRestClient Twilio(FakeServerlessContainer container, HttpClient http) =>
        new(container.AccountSid, container.AuthToken, httpClient: new SystemNetHttpClient(http));

    /// <summary>Service "shop" → environment "production" → a public function /hello uploaded → build → deploy, through the SDK.</summary>
    public static async Task<(ServiceResource Service, EnvironmentResource Environment, BuildResource Build)> DeployHelloAsync(
        FakeServerlessContainer container, HttpClient http)
    {
        var (service, environment, versionSid) = await UploadHelloAsync(container, http);
        var twilio = Twilio(container, http);
        var build = await BuildResource.CreateAsync(service.Sid, functionVersions: [versionSid], client: twilio);
        await DeploymentResource.CreateAsync(service.Sid, environment.Sid, buildSid: build.Sid, client: twilio);
        return (service, environment, build);
    }

    /// <summary>Service "shop" → environment "production" → a public function /hello and its first version (returned), through the SDK.</summary>
    public static async Task<(ServiceResource Service, EnvironmentResource Environment, string VersionSid)> UploadHelloAsync(
        FakeServerlessContainer container, HttpClient http)
    {
        var twilio = Twilio(container, http);
        var service = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: twilio);
        var environment = await EnvironmentResource.CreateAsync(service.Sid, uniqueName: "production", domainSuffix: "prod", client: twilio);
        var function = await FunctionResource.CreateAsync(service.Sid, friendlyName: "hello", client: twilio);

        // The SDK has no call for version uploads: a multipart POST, as Twilio documents.
        using var upload = new MultipartFormDataContent { { new StringContent("/hello"), "Path" }, { new StringContent("public"), "Visibility" } };
        var code = new ByteArrayContent("exports.handler = (context, event, callback) => callback(null, 'Hello!');"u8.ToArray());
        code.Headers.ContentType = new MediaTypeHeaderValue("application/javascript");
        upload.Add(code, "Content", "hello.js");
        using var request = new HttpRequestMessage(System.Net.Http.HttpMethod.Post, $"https://serverless-upload.twilio.com/v1/Services/{service.Sid}/Functions/{function.Sid}/Versions")
        {
            Content = upload,
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{container.AccountSid}:{container.AuthToken}")));
        using var uploaded = await http.SendAsync(request);
        Assert.That((int)uploaded.StatusCode, Is.EqualTo(201), await uploaded.Content.ReadAsStringAsync());
        var versionSid = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.GetProperty("sid").GetString()!;
        return (service, environment, versionSid);
    }

    /// <summary>The container's whole state, through its remote fake (with the control token when there is one).</summary>
    public static async Task<FakeServerlessState> StateAsync(FakeServerlessContainer container)
    {
        await using var fake = container.CreateFake();
        return await fake.ExportStateAsync();
    }

    /// <summary>The one account's environment named <paramref name="uniqueName"/> in <paramref name="state"/>.</summary>
    public static EnvironmentRecord Environment(FakeServerlessState state, string accountSid, string uniqueName) =>
        state.Accounts.Single(a => a.AccountSid == accountSid).Services.Items
            .SelectMany(s => s.Environments.Items).Single(e => e.Environment.UniqueName == uniqueName).Environment;
}

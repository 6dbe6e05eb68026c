using System.Net.Http.Headers;
using System.Text.Json;
using Twilio.Rest.Serverless.V1;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Environment;

namespace FakeServerless.Examples.Testcontainers;

/// <summary>A deploy test against the fake in a container: the way to use FakeServerless from a test that is not in .NET, too.</summary>
[Category("Docker")] // needs a Docker daemon and the image (build/container.sh); build/test.sh provides both
public sealed class DeployTests
{
    private FakeServerlessContainer _fake = null!;

    [SetUp]
    public async Task StartFake()
    {
        _fake = new FakeServerlessContainer(Environment.GetEnvironmentVariable("FAKESERVERLESS_IMAGE") ?? "fake-serverless:local");
        await _fake.StartAsync();
    }

    [TearDown]
    public async Task StopFake() => await _fake.DisposeAsync();

    [Test]
    public async Task Deploy_BuildOfAnUploadedFunction_EnvironmentServesThatBuild()
    {
        var twilio = _fake.CreateTwilioClient();
        using var http = _fake.CreateHttpClient();
        var service = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: twilio);
        var environment = await EnvironmentResource.CreateAsync(service.Sid, uniqueName: "production", client: twilio);
        var function = await FunctionResource.CreateAsync(service.Sid, friendlyName: "hello", client: twilio);
        using var upload = new MultipartFormDataContent { { new StringContent("/hello"), "Path" }, { new StringContent("public"), "Visibility" } };
        var code = new ByteArrayContent("exports.handler = (context, event, callback) => callback(null, 'Hello!');"u8.ToArray());
        code.Headers.ContentType = new MediaTypeHeaderValue("application/javascript");
        upload.Add(code, "Content", "hello.js");
        using var uploaded = await http.PostAsync(
            new Uri($"https://serverless-upload.twilio.com/v1/Services/{service.Sid}/Functions/{function.Sid}/Versions"), upload);
        uploaded.EnsureSuccessStatusCode();
        var versionSid = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.GetProperty("sid").GetString()!;

        var build = await BuildResource.CreateAsync(service.Sid, functionVersions: [versionSid], client: twilio);
        var deployment = await DeploymentResource.CreateAsync(service.Sid, environment.Sid, buildSid: build.Sid, client: twilio);
        var deployed = await EnvironmentResource.FetchAsync(service.Sid, environment.Sid, client: twilio);

        Assert.That(deployment.BuildSid, Is.EqualTo(build.Sid));
        Assert.That(deployed.BuildSid, Is.EqualTo(build.Sid));
        Assert.That(deployed.DomainName, Does.StartWith("shop-").And.EndWith(".twil.io"));
    }

    [Test]
    public async Task Deploy_UnknownBuild_TwilioError20404()
    {
        var twilio = _fake.CreateTwilioClient();
        var service = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: twilio);
        var environment = await EnvironmentResource.CreateAsync(service.Sid, uniqueName: "production", client: twilio);

        var error = Assert.ThrowsAsync<Twilio.Exceptions.ApiException>(() =>
            DeploymentResource.CreateAsync(service.Sid, environment.Sid, buildSid: "ZB00000000000000000000000000000000", client: twilio));

        Assert.That(error!.Code, Is.EqualTo(20404));
    }
}

using System.Net.Http.Headers;
using FakeServerless.Tests.Support;
using Twilio.Rest.Serverless.V1;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Environment;
using Twilio.Rest.Serverless.V1.Service.Build;

namespace FakeServerless.Tests.EndToEnd;

[TestFixtureSource(typeof(TransportCase), nameof(TransportCase.All))]
public sealed class DeployLifecycleTests(FakeServerlessTransport transport) : FakeTestBase(transport)
{
    [Test]
    public async Task FullDeploy_ThenClear_EnvironmentServesThenAnswers404()
    {
        var service = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: Twilio);
        var environment = await EnvironmentResource.CreateAsync(service.Sid, uniqueName: "dev-environment", domainSuffix: "dev", client: Twilio);
        var function = await FunctionResource.CreateAsync(service.Sid, friendlyName: "hello", client: Twilio);

        using var upload = new MultipartFormDataContent
        {
            { new StringContent("/hello"), "Path" },
            { new StringContent("public"), "Visibility" },
        };
        var code = new ByteArrayContent("exports.handler = (c, e, cb) => cb(null, 'hi');"u8.ToArray());
        code.Headers.ContentType = new MediaTypeHeaderValue("application/javascript");
        upload.Add(code, "Content", "hello.js");
        var uploaded = await Http.PostAsync($"https://serverless-upload.twilio.com/v1/Services/{service.Sid}/Functions/{function.Sid}/Versions", upload);
        Assert.That((int)uploaded.StatusCode, Is.EqualTo(201), await uploaded.Content.ReadAsStringAsync());
        var versionSid = System.Text.Json.JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.GetProperty("sid").GetString()!;

        var build = await BuildResource.CreateAsync(service.Sid, functionVersions: [versionSid], client: Twilio);
        Assert.That(build.Status, Is.EqualTo(BuildResource.StatusEnum.Building));
        var status = await BuildStatusResource.FetchAsync(service.Sid, build.Sid, client: Twilio);
        Assert.That(status.Status, Is.EqualTo(BuildStatusResource.StatusEnum.Completed));

        var deployment = await DeploymentResource.CreateAsync(service.Sid, environment.Sid, buildSid: build.Sid, client: Twilio);
        Assert.That(deployment.BuildSid, Is.EqualTo(build.Sid));
        var live = await Http.GetAsync($"https://{environment.DomainName}/hello");
        Assert.That((int)live.StatusCode, Is.EqualTo(200));

        var clearing = await DeploymentResource.CreateAsync(service.Sid, environment.Sid, client: Twilio);
        Assert.That(clearing.BuildSid, Is.Null);
        var fetched = await EnvironmentResource.FetchAsync(service.Sid, environment.Sid, client: Twilio);
        Assert.That(fetched.BuildSid, Is.Null);
        var deployments = await DeploymentResource.ReadAsync(service.Sid, environment.Sid, client: Twilio);
        Assert.That(deployments.Select(d => d.Sid), Is.EqualTo(new[] { clearing.Sid }));
        var gone = await Http.GetAsync($"https://{environment.DomainName}/hello");
        Assert.That((int)gone.StatusCode, Is.EqualTo(404));
    }
}

using System.Net;
using System.Text;
using Twilio.Exceptions;
using Twilio.Rest.Serverless.V1;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Build;
using Twilio.Rest.Serverless.V1.Service.Environment;

namespace FakeServerless.Tests.Control;

/// <summary>The control API driving a fake while the Twilio SDK uses it, as a non-.NET test harness would.</summary>
public sealed class ControlFlowTests : ControlTestBase
{
    [Test]
    public async Task Flow_SdkDeploysControlInjects429_SdkSeesItJournalShowsItResetClearsAll()
    {
        var service = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: Twilio);
        var environment = await EnvironmentResource.CreateAsync(service.Sid, uniqueName: "staging", domainSuffix: "stage", client: Twilio);
        var function = Fake.Account().CreateFunction(service.Sid, "reply");
        var version = Fake.Account().CreateFunctionVersion(service.Sid, function.Sid, "/sms/reply", "exports.handler = () => {}");
        var build = await BuildResource.CreateAsync(service.Sid, functionVersions: [version.Sid], client: Twilio);
        await ReadJsonAsync(await PostAsync("/_fake/faults", """{"operation":"CreateDeployment","status":429,"retry_after_seconds":2,"times":1}"""), 201);

        var error = Assert.ThrowsAsync<ApiException>(() => DeploymentResource.CreateAsync(service.Sid, environment.Sid, buildSid: build.Sid, client: Twilio));
        var deployment = await DeploymentResource.CreateAsync(service.Sid, environment.Sid, buildSid: build.Sid, client: Twilio);

        Assert.That(error!.Status, Is.EqualTo(429));
        Assert.That(error.Code, Is.EqualTo(20429));
        Assert.That(deployment.BuildSid, Is.EqualTo(build.Sid));
        var journal = await GetJsonAsync("/_fake/journal?Operation=CreateDeployment");
        var entries = journal["entries"]!.AsArray();
        Assert.That(entries.Select(e => e!["status"]!.GetValue<int>()), Is.EqualTo(new[] { 429, 201 }));
        Assert.That(entries[0]!["error_code"]!.GetValue<int>(), Is.EqualTo(20429));
        Assert.That(entries[0]!["fault"]!.GetValue<string>(), Does.Contain("CreateDeployment"));
        Assert.That(entries[1]!["parameters"]!["BuildSid"]!.AsArray().Single()!.GetValue<string>(), Is.EqualTo(build.Sid));

        var reset = await Control.PostAsync("/_fake/reset", null);

        Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await GetJsonAsync("/_fake/journal"))["entries"]!.AsArray(), Is.Empty);
        Assert.That((await GetJsonAsync("/_fake/faults"))["faults"]!.AsArray(), Is.Empty);
        Assert.That((await GetJsonAsync("/_fake/health"))["accounts"]!.GetValue<int>(), Is.Zero);
        Assert.ThrowsAsync<ApiException>(() => ServiceResource.FetchAsync(service.Sid, client: Twilio));
    }

    [Test]
    public async Task Flow_ManualBuildCompletedThroughControl_SdkDeploysIt()
    {
        await using var fake = FakeServerlessServer.Start(new FakeServerlessOptions { EnableControlApi = true, BuildCompletion = BuildCompletion.Manual });
        using var control = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = fake.Url };
        var twilio = new Twilio.Clients.TwilioRestClient(fake.AccountSid, fake.AuthToken, httpClient: new Twilio.Http.SystemNetHttpClient(fake.CreateHttpClient()));
        var scenario = fake.Seed().ServiceReadyToDeploy(o => o.CompleteBuild = false);
        var environment = scenario.Environment("staging");

        var before = await BuildStatusResource.FetchAsync(scenario.Service.Sid, scenario.Build.Sid, client: twilio);
        var completed = await control.PostAsync($"/_fake/builds/{scenario.Build.Sid}/complete", new StringContent(string.Empty, Encoding.UTF8, "application/json"));
        var deployment = await DeploymentResource.CreateAsync(scenario.Service.Sid, environment.Sid, buildSid: scenario.Build.Sid, client: twilio);

        Assert.That(before.Status, Is.EqualTo(BuildStatusResource.StatusEnum.Building));
        Assert.That(completed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(deployment.BuildSid, Is.EqualTo(scenario.Build.Sid));
    }
}

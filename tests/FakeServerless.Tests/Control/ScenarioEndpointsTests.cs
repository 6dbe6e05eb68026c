using FakeServerless.Tests.Wire;
using Twilio.Rest.Serverless.V1.Service;

namespace FakeServerless.Tests.Control;

public sealed class ScenarioEndpointsTests : ControlTestBase
{
    [Test]
    public async Task Create_LiveInStaging_SidsMatchTheStateAndTheSdk()
    {
        var scenario = await ReadJsonAsync(await PostAsync("/_fake/scenarios", """{"kind":"service-live-in","environment":"staging"}"""), 201);

        var serviceSid = scenario["service"]!["sid"]!.GetValue<string>();
        var buildSid = scenario["build"]!["sid"]!.GetValue<string>();
        var staging = scenario["environments"]!.AsArray().Single(e => e!["unique_name"]!.GetValue<string>() == "staging")!;
        Assert.That(scenario["account_sid"]!.GetValue<string>(), Is.EqualTo(Fake.AccountSid));
        Assert.That(scenario["build"]!["status"]!.GetValue<string>(), Is.EqualTo("completed"));
        Assert.That(staging["build_sid"]!.GetValue<string>(), Is.EqualTo(buildSid));
        Assert.That(scenario["deployments"]!.AsArray().Single()!["environment_sid"]!.GetValue<string>(), Is.EqualTo(staging["sid"]!.GetValue<string>()));
        Assert.That(scenario["functions"]!.AsArray(), Is.Not.Empty);
        var environment = await EnvironmentResource.FetchAsync(serviceSid, staging["sid"]!.GetValue<string>(), client: Twilio);
        Assert.That(environment.BuildSid, Is.EqualTo(buildSid));
    }

    [Test]
    public async Task Create_ReadyToDeployInOtherAccount_NothingDeployed()
    {
        const string other = "AC00000000000000000000000000000002";

        var scenario = await ReadJsonAsync(await PostAsync("/_fake/scenarios", $$"""{"kind":"service-ready-to-deploy","account_sid":"{{other}}"}"""), 201);

        Assert.That(scenario["account_sid"]!.GetValue<string>(), Is.EqualTo(other));
        Assert.That(scenario["deployments"]!.AsArray(), Is.Empty);
        Assert.That(Fake.Snapshot(other).Services.Single().Sid, Is.EqualTo(scenario["service"]!["sid"]!.GetValue<string>()));
        Assert.That(Fake.Snapshot().Services, Is.Empty);
    }

    [Test]
    public async Task Create_LiveInUnusualEnvironment_AddsThatEnvironment()
    {
        var scenario = await ReadJsonAsync(await PostAsync("/_fake/scenarios", """{"kind":"service-live-in","environment":"qa"}"""), 201);

        var qa = scenario["environments"]!.AsArray().Single(e => e!["unique_name"]!.GetValue<string>() == "qa")!;
        Assert.That(qa["build_sid"]!.GetValue<string>(), Is.EqualTo(scenario["build"]!["sid"]!.GetValue<string>()));
    }

    [Test]
    public async Task Create_SameSeedTwoFakes_SameSids()
    {
        await using var twin = FakeServerlessServer.Start(new FakeServerlessOptions { EnableControlApi = true });
        using var twinClient = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = twin.Url };

        var first = await ReadJsonAsync(await PostAsync("/_fake/scenarios", """{"kind":"service-live-in"}"""), 201);
        var second = await ReadJsonAsync(await twinClient.PostAsync("/_fake/scenarios", Json("""{"kind":"service-live-in"}""")), 201);

        Assert.That(second.ToJsonString(), Is.EqualTo(first.ToJsonString()));
    }

    [TestCase("{}", "kind is required")]
    [TestCase("""{"kind":"service-live"}""", "kind must be")]
    [TestCase("""{"kind":"service-ready-to-deploy","environment":"staging"}""", "environment applies only")]
    [TestCase("""{"kind":"service-live-in","environment":""}""", "environment must be")]
    [TestCase("""{"kind":"service-live-in","account_sid":"nope"}""", "account_sid must be")]
    public async Task Create_BadInput_400NamesTheFieldAndSeedsNothing(string body, string message)
    {
        var error = await TwilioErrorBody.ReadAsync(await PostAsync("/_fake/scenarios", body), 400, 20001);

        Assert.That(error.Message, Does.Contain(message));
        Assert.That(Fake.Snapshot().Services, Is.Empty);
    }
}

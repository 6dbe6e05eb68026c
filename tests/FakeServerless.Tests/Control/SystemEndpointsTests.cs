using System.Net;
using FakeServerless.Tests.Wire;
using Twilio.Rest.Serverless.V1;

namespace FakeServerless.Tests.Control;

public sealed class SystemEndpointsTests : ControlTestBase
{
    [Test]
    public async Task Health_FreshFake_OkVersionUptimeAccountsMemory()
    {
        var health = await GetJsonAsync("/_fake/health");

        Assert.That(health["status"]!.GetValue<string>(), Is.EqualTo("ok"));
        Assert.That(health["version"]!.GetValue<string>(), Is.Not.Empty);
        Assert.That(health["uptime_seconds"]!.GetValue<double>(), Is.GreaterThanOrEqualTo(0));
        Assert.That(health["accounts"]!.GetValue<int>(), Is.Zero);
        Assert.That(health["persistence"]!.ToJsonString(), Is.EqualTo("""{"mode":"memory","path":null}"""));
    }

    [Test]
    public async Task Health_AfterTwoAccountsWroteAndAThirdRead_CountsTheTwoThatWrote()
    {
        await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: Twilio);
        using var created = await TwilioHttp("AC00000000000000000000000000000002").PostAsync(
            "/v1/Services", new FormUrlEncodedContent(new Dictionary<string, string> { ["UniqueName"] = "other", ["FriendlyName"] = "Other" }));
        Assert.That((int)created.StatusCode, Is.EqualTo(201));
        await TwilioHttp("AC00000000000000000000000000000003").GetAsync("/v1/Services"); // a read creates no account

        var health = await GetJsonAsync("/_fake/health");

        Assert.That(health["accounts"]!.GetValue<int>(), Is.EqualTo(2));
    }

    [Test]
    public async Task Reset_Everything_ForgetsStateJournalFaultsAndFunctions()
    {
        var first = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: Twilio);
        Fake.Faults.When("FetchService").RespondWith(503);
        Fake.MapFunction("/hello", (_, _) => FunctionResponse.Text("hi"));

        var response = await Control.PostAsync("/_fake/reset", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(Fake.Snapshot().Services, Is.Empty);
        Assert.That(Fake.Journal.Entries, Is.Empty);
        Assert.That(Fake.Faults.Rules, Is.Empty);
        var again = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: Twilio);
        Assert.That(again.Sid, Is.EqualTo(first.Sid), "SIDs start again from the seed");
    }

    [Test]
    public async Task Reset_OneAccount_ForgetsOnlyThatAccount()
    {
        const string other = "AC00000000000000000000000000000002";
        Fake.Account().CreateService("mine");
        Fake.Account(other).CreateService("theirs");
        Fake.Faults.When("ListService", other).RespondWith(503);
        Fake.Faults.When("ListService", Fake.AccountSid).RespondWith(502).Times(5);
        await TwilioHttp(other).GetAsync("/v1/Services");
        await TwilioHttp().GetAsync("/v1/Services");

        var response = await Control.PostAsync($"/_fake/reset?AccountSid={other}", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(Fake.Snapshot(other).Services, Is.Empty);
        Assert.That(Fake.Snapshot().Services.Single().UniqueName, Is.EqualTo("mine"));
        Assert.That(Fake.Faults.Rules.Select(r => r.AccountSid), Is.EqualTo(new[] { Fake.AccountSid }));
        Assert.That(Fake.Journal.Entries.Select(e => e.AccountSid), Is.EqualTo(new[] { Fake.AccountSid }));
    }

    [Test]
    public async Task Reset_BadAccountSid_400NamesAccountSid()
    {
        Fake.Account().CreateService("mine");

        var error = await TwilioErrorBody.ReadAsync(await Control.PostAsync("/_fake/reset?AccountSid=ACnope", null), 400, 20001);

        Assert.That(error.Message, Does.StartWith("AccountSid"));
        Assert.That(Fake.Snapshot().Services, Has.Count.EqualTo(1), "nothing is lost");
    }

    [Test]
    public async Task OpenApi_Get_IsOpenApi31WithTheFakesVersion()
    {
        var document = await GetJsonAsync("/_fake/openapi.json");
        var health = await GetJsonAsync("/_fake/health");

        Assert.That(document["openapi"]!.GetValue<string>(), Does.StartWith("3.1"));
        Assert.That(document["info"]!["version"]!.GetValue<string>(), Is.EqualTo(health["version"]!.GetValue<string>()));
    }
}

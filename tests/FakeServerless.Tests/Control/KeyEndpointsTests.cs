using Twilio.Clients;
using Twilio.Http;
using Twilio.Rest.Serverless.V1;

namespace FakeServerless.Tests.Control;

public sealed class KeyEndpointsTests : ControlTestBase
{
    private const string Other = "AC0000000000000000000000000000000b";

    protected override FakeServerlessOptions Configure(FakeServerlessOptions options)
    {
        options.RequireExactCredentials = true; // only created keys authenticate, so a key that works proves it was created
        return options;
    }

    private TwilioRestClient KeyClient(string sid, string secret, string accountSid) =>
        new(sid, secret, accountSid: accountSid, httpClient: new SystemNetHttpClient(Fake.CreateHttpClient()));

    [Test]
    public async Task Create_OtherAccount_201AndTheKeyActsOnThatAccount()
    {
        var key = await ReadJsonAsync(await PostAsync("/_fake/keys", $$"""{"account_sid":"{{Other}}"}"""), 201);

        var sid = key["sid"]!.GetValue<string>();
        var secret = key["secret"]!.GetValue<string>();
        await ServiceResource.CreateAsync(uniqueName: "keyed", friendlyName: "Keyed", client: KeyClient(sid, secret, Other));

        Assert.That(sid, Does.Match("^SK[0-9a-f]{32}$"));
        Assert.That(key["account_sid"]!.GetValue<string>(), Is.EqualTo(Other));
        Assert.That(Fake.Snapshot(Other).Services.Single().UniqueName, Is.EqualTo("keyed"));
        Assert.That(Fake.Snapshot().Services, Is.Empty);
        Assert.That(Fake.Journal.Entries.Last().ApiKeySid, Is.EqualTo(sid));
    }

    [Test]
    public async Task Create_NoBody_KeyOfTheFakesAccount()
    {
        using var response = await Control.PostAsync("/_fake/keys", null);
        var key = await ReadJsonAsync(response, 201);

        Assert.That(key["account_sid"]!.GetValue<string>(), Is.EqualTo(Fake.AccountSid));
        Assert.That(Fake.ExportState().ApiKeys.Single().Sid, Is.EqualTo(key["sid"]!.GetValue<string>()));
    }

    [TestCase("""{"account_sid":"nope"}""", "account_sid")]
    [TestCase("""{"account_sid":42}""", "account_sid")]
    [TestCase("""{"account":"AC0000000000000000000000000000000b"}""", "account_sid")]
    public async Task Create_BadBody_400NamingTheField(string body, string field)
    {
        var error = await ReadJsonAsync(await PostAsync("/_fake/keys", body), 400);

        Assert.That(error["message"]!.GetValue<string>(), Does.Contain(field));
        Assert.That(Fake.ExportState().ApiKeys, Is.Empty);
    }

    [Test]
    public async Task List_TwoAccounts_InCreationOrderAndFilteredByAccount()
    {
        var first = Fake.CreateApiKey();
        var second = Fake.CreateApiKey(Other);

        var all = await GetJsonAsync("/_fake/keys");
        var others = await GetJsonAsync($"/_fake/keys?AccountSid={Other}");

        Assert.That(all["keys"]!.AsArray().Select(k => k!["sid"]!.GetValue<string>()), Is.EqualTo(new[] { first.Sid, second.Sid }));
        Assert.That(others["keys"]!.AsArray().Single()!["secret"]!.GetValue<string>(), Is.EqualTo(second.Secret));
    }

    [Test]
    public async Task Reset_OneAccount_ForgetsOnlyItsKeys()
    {
        var kept = Fake.CreateApiKey();
        Fake.CreateApiKey(Other);

        using var reset = await Control.PostAsync($"/_fake/reset?AccountSid={Other}", null);

        Assert.That((int)reset.StatusCode, Is.EqualTo(204));
        Assert.That(Fake.ExportState().ApiKeys, Is.EqualTo(new[] { kept }));
    }
}

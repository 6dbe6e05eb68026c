using System.Net.Http.Headers;
using System.Text;
using Twilio.Clients;
using Twilio.Http;
using Twilio.Rest.Serverless.V1;

namespace FakeServerless.Tests.Keys;

[Parallelizable(ParallelScope.All)]
public sealed class ApiKeyTests
{
    private const string OtherAccount = "AC0000000000000000000000000000000b";

    [Test]
    public async Task CreateApiKey_RightSecret_ActsOnTheDefaultAccountAndJournalNamesTheKey()
    {
        using var fake = FakeServerlessServer.Start();
        var key = fake.CreateApiKey();
        var twilio = new TwilioRestClient(key.Sid, key.Secret, accountSid: fake.AccountSid, httpClient: new SystemNetHttpClient(fake.CreateHttpClient()));

        await ServiceResource.CreateAsync(uniqueName: "keyed", friendlyName: "Keyed", client: twilio);

        Assert.That(key.Sid, Does.Match("^SK[0-9a-f]{32}$"));
        Assert.That(key.Secret, Has.Length.EqualTo(32));
        Assert.That(fake.Snapshot().Services.Single().UniqueName, Is.EqualTo("keyed"));
        var entry = fake.Journal.Entries.Single();
        Assert.That((entry.ApiKeySid, entry.AccountSid), Is.EqualTo((key.Sid, fake.AccountSid)));
    }

    [Test]
    public async Task CreateApiKey_WrongSecret_Answers401()
    {
        using var fake = FakeServerlessServer.Start();
        var key = fake.CreateApiKey();

        using var response = await Send(fake, key.Sid, key.Secret + "x");

        Assert.That((int)response.StatusCode, Is.EqualTo(401));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("20003"));
    }

    [Test]
    public async Task CreateApiKey_ForAccountB_ActsOnB()
    {
        using var fake = FakeServerlessServer.Start();
        var key = fake.CreateApiKey(OtherAccount);
        var twilio = new TwilioRestClient(key.Sid, key.Secret, accountSid: OtherAccount, httpClient: new SystemNetHttpClient(fake.CreateHttpClient()));

        await ServiceResource.CreateAsync(uniqueName: "in-b", friendlyName: "B", client: twilio);

        Assert.That(key.AccountSid, Is.EqualTo(OtherAccount));
        Assert.That(fake.Snapshot(OtherAccount).Services.Select(s => s.UniqueName), Is.EqualTo(new[] { "in-b" }));
        Assert.That(fake.Snapshot().Services, Is.Empty);
        Assert.That(fake.Journal.Entries.Single().AccountSid, Is.EqualTo(OtherAccount));
    }

    [Test]
    public async Task UnknownKey_WithSecret_ActsOnTheDefaultAccount()
    {
        using var fake = FakeServerlessServer.Start();

        using var response = await Send(fake, "SK" + new string('a', 32), "any-secret");

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That((fake.Journal.Entries.Single().AccountSid, fake.Journal.Entries.Single().ApiKeySid), Is.EqualTo((fake.AccountSid, "SK" + new string('a', 32))));
    }

    [TestCase("SK" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "", false)]
    [TestCase("SKnot-a-key", "secret", false)]
    [TestCase("SK" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "secret", true)]
    public async Task UnknownKey_EmptySecretMalformedOrStrict_Answers401(string sid, string secret, bool strict)
    {
        using var fake = FakeServerlessServer.Start(o => o.RequireExactCredentials = strict);

        using var response = await Send(fake, sid, secret);

        Assert.That((int)response.StatusCode, Is.EqualTo(401));
    }

    [Test]
    public async Task CreateApiKey_StrictCredentials_KeyStillWorks()
    {
        using var fake = FakeServerlessServer.Start(o => o.RequireExactCredentials = true);
        var key = fake.CreateApiKey();

        using var response = await Send(fake, key.Sid, key.Secret);

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public void CreateApiKey_SameSeed_KeysNeverRepeat()
    {
        using var first = FakeServerlessServer.StartInMemory(new FakeServerlessOptions { Seed = 7 });
        using var second = FakeServerlessServer.StartInMemory(new FakeServerlessOptions { Seed = 7 });

        var keys = new[] { first.CreateApiKey(), second.CreateApiKey(), first.CreateApiKey(), second.CreateApiKey() };

        Assert.That(keys.Select(k => k.Sid).Distinct().Count(), Is.EqualTo(4), "keys are secrets: not drawn from the SID seed");
        Assert.That(keys.Select(k => k.Secret).Distinct().Count(), Is.EqualTo(4));
        Assert.That(second.Account().CreateService("shop").Sid, Is.EqualTo(first.Account().CreateService("shop").Sid), "and SIDs still follow the seed");
    }

    [Test]
    public void CreateApiKey_NotAnAccountSid_Throws()
    {
        using var fake = FakeServerlessServer.StartInMemory();

        Assert.That(() => fake.CreateApiKey("nope"), Throws.ArgumentException);
    }

    [Test]
    public async Task Reset_ForgetsKeys()
    {
        using var fake = FakeServerlessServer.Start(o => o.RequireExactCredentials = true);
        var key = fake.CreateApiKey();

        fake.Reset();

        using var response = await Send(fake, key.Sid, key.Secret);
        Assert.That((int)response.StatusCode, Is.EqualTo(401));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Reset_OldKey_Answers401InEveryCredentialsMode(bool strict)
    {
        using var fake = FakeServerlessServer.Start(o => o.RequireExactCredentials = strict);
        var key = fake.CreateApiKey();

        fake.Reset();
        var next = fake.CreateApiKey();

        using var response = await Send(fake, key.Sid, key.Secret);
        Assert.That((int)response.StatusCode, Is.EqualTo(401), "an old key must not fall under 'unknown key acts on the default account'");
        Assert.That(next.Sid, Is.Not.EqualTo(key.Sid));
        Assert.That(fake.Snapshot().Services, Is.Empty);
    }

    [Test]
    public async Task ScopeDispose_KeyOfTheScopesAccount_Answers401()
    {
        using var fake = FakeServerlessServer.Start();
        var scope = fake.CreateScope("keyed-scope");
        var key = fake.CreateApiKey(scope.AccountSid);

        scope.Dispose();

        using var response = await Send(fake, key.Sid, key.Secret);
        Assert.That((int)response.StatusCode, Is.EqualTo(401));
        Assert.That(fake.Snapshot().Services, Is.Empty);
    }

    [Test]
    public async Task ImportState_KeyOfTheReplacedState_Answers401AndAnImportedKeyWorks()
    {
        using var source = FakeServerlessServer.StartInMemory();
        var imported = source.CreateApiKey();
        using var fake = FakeServerlessServer.Start();
        var replaced = fake.CreateApiKey();

        fake.ImportState(source.ExportState());

        using var refused = await Send(fake, replaced.Sid, replaced.Secret);
        using var accepted = await Send(fake, imported.Sid, imported.Secret);
        Assert.That((int)refused.StatusCode, Is.EqualTo(401));
        Assert.That((int)accepted.StatusCode, Is.EqualTo(200));
    }

    private static async Task<HttpResponseMessage> Send(FakeServerlessServer fake, string user, string password)
    {
        using var client = fake.CreateHttpClient();
        using var request = new HttpRequestMessage(System.Net.Http.HttpMethod.Get, "https://serverless.twilio.com/v1/Services");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}

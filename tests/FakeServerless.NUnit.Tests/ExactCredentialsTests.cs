using Twilio.Clients;
using Twilio.Http;
using Twilio.Rest.Serverless.V1;

namespace FakeServerless.NUnit.Tests;

/// <summary>Only the configured account authenticates: with a server per test, each test still gets a fresh fake.</summary>
[Parallelizable(ParallelScope.All)]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class ExactCredentialsTests : FakeServerlessTestBase
{
    protected override bool ServerPerTest => true;

    protected override FakeServerlessOptions Configure() => new() { RequireExactCredentials = true, AuthToken = "exact-token" };

    [Test]
    public async Task CreateService_RequireExactCredentials_UsesTheConfiguredAccount([Range(1, 3)] int n)
    {
        var twilio = new TwilioRestClient(AccountSid, AuthToken, httpClient: new SystemNetHttpClient(CreateHttpClient()));

        var created = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: $"Shop {n}", client: twilio);

        Assert.That(AccountSid, Is.EqualTo(Fake.AccountSid));
        Assert.That(created.AccountSid, Is.EqualTo(Fake.AccountSid));
        Assert.That(Snapshot().Services.Select(s => s.FriendlyName), Is.EqualTo(new[] { $"Shop {n}" }));
    }
}

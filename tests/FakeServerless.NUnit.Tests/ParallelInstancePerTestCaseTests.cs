using System.Collections.Concurrent;
using Twilio.Clients;
using Twilio.Http;
using Twilio.Rest.Serverless.V1;

namespace FakeServerless.NUnit.Tests;

[Parallelizable(ParallelScope.All)]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class ParallelInstancePerTestCaseTests : FakeServerlessTestBase
{
    private static readonly ConcurrentBag<FakeServerlessServer> Servers = [];

    private TwilioRestClient Twilio => new(AccountSid, AuthToken, httpClient: new SystemNetHttpClient(CreateHttpClient()));

    [Test]
    public async Task CreateService_SameUniqueNameAsParallelTests_CreatedWithoutConflict([Range(1, 12)] int n)
    {
        var created = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: $"Shop {n}", client: Twilio);
        await Task.Delay(25);
        var listed = await ServiceResource.ReadAsync(client: Twilio);

        Assert.That(listed.Select(s => s.FriendlyName), Is.EqualTo(new[] { $"Shop {n}" }));
        Assert.That(created.AccountSid, Is.EqualTo(AccountSid));
        Assert.That(Snapshot().Services.Single().Sid, Is.EqualTo(created.Sid));
        Assert.That(Journal.Entries.Select(e => e.Operation), Is.EqualTo(new[] { "CreateService", "ListService" }));
    }

    [Test]
    public void AccountSid_EachTest_DerivedFromTheTestsFullName([Values("a", "b")] string name)
    {
        Assert.That(AccountSid, Is.EqualTo(FakeServerlessScope.AccountSidFor(TestContext.CurrentContext.Test.FullName)));
        Assert.That(AccountSid, Is.Not.EqualTo(Fake.AccountSid));
    }

    [Test]
    public async Task Fake_EveryTestOfTheFixture_SharesOneServer([Range(1, 6)] int n)
    {
        Servers.Add(Fake);
        await Task.Delay(10 * n);

        Assert.That(Servers.Distinct().ToList(), Is.EqualTo(new[] { Fake }));
    }

    [Test]
    public async Task Account_SeededFromCSharp_VisibleThroughTheSdk()
    {
        Account.CreateService("seeded", "Seeded");

        var fetched = await ServiceResource.FetchAsync("seeded", client: Twilio);

        Assert.That(fetched.FriendlyName, Is.EqualTo("Seeded"));
    }
}

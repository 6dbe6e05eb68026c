using FakeServerless.NUnit;
using Twilio.Clients;
using Twilio.Http;
using Twilio.Rest.Serverless.V1;

namespace FakeServerless.Examples.NUnit;

// README, "NUnit (FakeServerless.NUnit)": the class as shown there, compiled and run; keep the two in step.
// Both tests create "shop": each test has its own account on the fixture's shared fake, so neither sees a 409.
[Parallelizable(ParallelScope.All)]
public sealed class DeployTests : FakeServerlessTestBase
{
    private TwilioRestClient Twilio => new(AccountSid, AuthToken, httpClient: new SystemNetHttpClient(CreateHttpClient()));

    [Test]
    public async Task CreateService_SameNameInEveryTest_NoConflict()
    {
        var service = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: Twilio);
        Assert.That(Snapshot().Services.Single().Sid, Is.EqualTo(service.Sid));
    }

    [Test]
    public async Task CreateService_SameNameAgainInAnotherTest_NoConflict()
    {
        var service = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: Twilio);
        Assert.That(Snapshot().Services.Single().Sid, Is.EqualTo(service.Sid));
        Assert.That(Journal.Entries.Single().AccountSid, Is.EqualTo(AccountSid).And.Not.EqualTo(Fake.AccountSid));
    }
}

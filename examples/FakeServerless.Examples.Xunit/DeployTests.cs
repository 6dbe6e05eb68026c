using FakeServerless.Xunit;
using Twilio.Clients;
using Twilio.Http;
using Twilio.Rest.Serverless.V1;

namespace FakeServerless.Examples.Xunit;

// README, "xUnit (FakeServerless.Xunit for v2, FakeServerless.Xunit.V3 for v3)": the class as shown there, compiled and run;
// keep the two in step. Both tests create "shop" on the one shared fake: each has its own account, so neither sees a 409.
public sealed class DeployTests(FakeServerlessFixture fixture) : IClassFixture<FakeServerlessFixture>, IDisposable
{
    private readonly FakeServerlessScope _fake = fixture.CreateScope();   // own account per test
    public void Dispose() => _fake.Dispose();                             // forgets it

    [Fact]
    public async Task CreateService_SameNameInEveryTest_NoConflict()
    {
        var twilio = new TwilioRestClient(_fake.AccountSid, _fake.AuthToken, httpClient: new SystemNetHttpClient(_fake.CreateHttpClient()));
        var service = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: twilio);
        Assert.Equal(service.Sid, _fake.Snapshot().Services.Single().Sid);
    }

    [Fact]
    public async Task CreateService_SameNameAgainInAnotherTest_NoConflict()
    {
        var twilio = new TwilioRestClient(_fake.AccountSid, _fake.AuthToken, httpClient: new SystemNetHttpClient(_fake.CreateHttpClient()));
        var service = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: twilio);
        Assert.Equal(service.Sid, _fake.Snapshot().Services.Single().Sid);
        Assert.NotEqual(fixture.Server.AccountSid, _fake.AccountSid);
    }
}

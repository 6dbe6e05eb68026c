using FakeServerless.Examples.Promotion;
using Twilio.Clients;
using Twilio.Http;

namespace FakeServerless.Examples.Xunit;

/// <summary>A fresh fake per test: xUnit makes a new instance of the class for every test and disposes it after.</summary>
public sealed class ReleaseManagerTests : IDisposable
{
    private readonly FakeServerlessServer _fake = FakeServerlessServer.Start();
    private readonly TwilioRestClient _twilio;

    public ReleaseManagerTests() =>
        _twilio = new TwilioRestClient(_fake.AccountSid, _fake.AuthToken, httpClient: new SystemNetHttpClient(_fake.CreateHttpClient()));

    [Fact]
    public async Task PromoteAsync_DeploymentRateLimitedOnce_RetriesAndPromotesStagingToProduction()
    {
        var scenario = _fake.Seed().ServiceLiveIn("staging");
        _fake.Faults.When("CreateDeployment").TooManyRequests(TimeSpan.Zero).Once();

        var result = await new ReleaseManager(_twilio).PromoteAsync(scenario.Service.Sid, "staging", "production");

        Assert.True(result.Deployed);
        Assert.Equal(scenario.Build.Sid, _fake.Snapshot().Environment(scenario.Environment("production").Sid)!.BuildSid);
        Assert.Equal([429, 201], _fake.Journal.OfOperation("CreateDeployment").Select(e => e.StatusCode));
    }

    [Fact]
    public async Task PromoteAsync_NothingLiveInSource_ThrowsNothingToPromote()
    {
        var scenario = _fake.Seed().ServiceReadyToDeploy();

        var ex = await Assert.ThrowsAsync<NothingToPromoteException>(() => new ReleaseManager(_twilio).PromoteAsync(scenario.Service.Sid, "staging", "production"));

        Assert.Equal("staging", ex.Environment);
        Assert.Empty(_fake.Snapshot().Deployments);
    }

    [Fact]
    public async Task RollBackByClearingAsync_LiveEnvironment_EnvironmentHasNoBuildAndOnlyTheClearingDeployment()
    {
        var scenario = _fake.Seed().ServiceLiveIn("production");
        var production = scenario.Environment("production");

        var clearing = await new ReleaseManager(_twilio).RollBackByClearingAsync(scenario.Service.Sid, "production");

        var snapshot = _fake.Snapshot();
        Assert.NotNull(clearing);
        Assert.Null(snapshot.Environment(production.Sid)!.BuildSid);
        Assert.Equal([clearing.Sid], snapshot.DeploymentsOf(production.Sid).Select(d => d.Sid));
    }

    public void Dispose() => _fake.Dispose();
}

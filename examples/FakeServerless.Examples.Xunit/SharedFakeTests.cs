using FakeServerless.Examples.Promotion;
using Twilio.Clients;
using Twilio.Http;

namespace FakeServerless.Examples.Xunit;

/// <summary>
/// Tests sharing one fake through <see cref="IClassFixture{TFixture}"/>. xUnit runs the tests of a class one after another, so
/// resetting the fake in the constructor gives each test a clean state (and the same SIDs from the seed) without a new fake.
/// </summary>
public sealed class SharedFakeTests : IClassFixture<SharedFake>
{
    private readonly FakeServerlessServer _fake;
    private readonly ReleaseManager _manager;

    public SharedFakeTests(SharedFake shared)
    {
        _fake = shared.Fake;
        _fake.Reset();
        _manager = new ReleaseManager(new TwilioRestClient(_fake.AccountSid, _fake.AuthToken, httpClient: new SystemNetHttpClient(_fake.CreateHttpClient())));
    }

    [Theory]
    [InlineData("staging", "production")]
    [InlineData("production", "staging")]
    public async Task PromoteAsync_EitherDirection_TargetRunsTheSourceBuild(string from, string to)
    {
        var scenario = _fake.Seed().ServiceLiveIn(from);

        var result = await _manager.PromoteAsync(scenario.Service.Sid, from, to);

        Assert.Equal(scenario.Build.Sid, result.BuildSid);
        Assert.Equal(scenario.Build.Sid, _fake.Snapshot().Environment(scenario.Environment(to).Sid)!.BuildSid);
    }

    [Fact]
    public async Task PromoteAsync_AfterReset_StateOfEarlierTestsIsGone()
    {
        Assert.Empty(_fake.Snapshot().Services);
        var scenario = _fake.Seed().ServiceLiveIn("staging");

        await _manager.PromoteAsync(scenario.Service.Sid, "staging", "production");

        Assert.Single(_fake.Snapshot().Services);
        Assert.Equal(2, _fake.Snapshot().Deployments.Count);
    }
}

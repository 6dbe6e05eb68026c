using FakeServerless.Examples.Promotion;
using FakeServerless.FluentAssertions;
using FluentAssertions;
using Twilio.Clients;
using Twilio.Http;

namespace FakeServerless.Examples.NUnit;

/// <summary>The README's FluentAssertions example: roll production back by clearing it, through a 429, and say so in one line.</summary>
public sealed class RollbackAssertionTests
{
    [Test]
    public async Task RollBackByClearingAsync_DeploymentRateLimitedOnce_ClearsProduction()
    {
        await using var fake = FakeServerlessServer.StartInMemory();
        var twilio = new TwilioRestClient(fake.AccountSid, fake.AuthToken, httpClient: new SystemNetHttpClient(fake.CreateHttpClient()));
        var scenario = fake.Seed().ServiceLiveIn("production");
        fake.Faults.When("CreateDeployment").TooManyRequests(TimeSpan.Zero).Once();

        await new ReleaseManager(twilio).RollBackByClearingAsync(scenario.Service.Sid, "production");

        fake.Should().HaveClearedEnvironment("production")
            .And.HaveReceived("CreateDeployment", times: 2)
            .And.HaveNoUnmatchedRequests();
    }

    [Test]
    public void HaveClearedEnvironment_EnvironmentStillLive_FailureMessageShowsItsDeployments()
    {
        using var fake = FakeServerlessServer.StartInMemory();
        var scenario = fake.Seed().ServiceLiveIn("production");

        var act = () => fake.Should().HaveClearedEnvironment("production", "the rollback should have cleared it");

        act.Should().Throw<AssertionException>()
            .WithMessage($"Expected fake to have cleared environment \"production\" because the rollback should have cleared it, but build \"{scenario.Build.Sid}\" is live*{scenario.Deployments[0].Sid} -> {scenario.Build.Sid}*");
    }
}

using FakeServerless.Examples.Promotion;
using Twilio.Clients;
using Twilio.Http;

namespace FakeServerless.Examples.NUnit;

/// <summary>The README's quick start, compiled and run: keep the two in step.</summary>
public sealed class ReadmeQuickStartTests
{
    [Test]
    public async Task PromoteAsync_DeploymentRateLimitedOnce_RetriesAndPromotesStagingToProduction()
    {
        await using var fake = FakeServerlessServer.Start();
        var twilio = new TwilioRestClient(fake.AccountSid, fake.AuthToken, httpClient: new SystemNetHttpClient(fake.CreateHttpClient()));
        var scenario = fake.Seed().ServiceLiveIn("staging");
        fake.Faults.When("CreateDeployment").TooManyRequests().Once();

        var result = await new ReleaseManager(twilio).PromoteAsync(scenario.Service.Sid, "staging", "production");

        Assert.That(result.Deployed, Is.True);
        Assert.That(fake.Snapshot().Environment("production")!.BuildSid, Is.EqualTo(scenario.Build.Sid));
        Assert.That(fake.Journal.OfOperation("CreateDeployment").Select(e => e.StatusCode), Is.EqualTo(new[] { 429, 201 }));
    }
}

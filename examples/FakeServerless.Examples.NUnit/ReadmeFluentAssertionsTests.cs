using FakeServerless.FluentAssertions;
using FluentAssertions;
using Twilio.Clients;
using Twilio.Http;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Build;
using Twilio.Rest.Serverless.V1.Service.Environment;

namespace FakeServerless.Examples.NUnit;

/// <summary>README, "FluentAssertions (FakeServerless.FluentAssertions)": the snippet compiled and run; keep the two in step.</summary>
public sealed class ReadmeFluentAssertionsTests
{
    [Test]
    public async Task Should_BuiltAndDeployedToDevWithProductionCleared_AllReadmeAssertionsPass()
    {
        await using var fake = FakeServerlessServer.StartInMemory();
        var twilio = new TwilioRestClient(fake.AccountSid, fake.AuthToken, httpClient: new SystemNetHttpClient(fake.CreateHttpClient()));
        var scenario = fake.Seed().ServiceLiveIn("production", o => o.EnvironmentNames = ["dev-environment", "production"]);
        fake.Account().Deploy(scenario.Service.Sid, scenario.Environment("production").Sid, buildSid: null);   // clear production

        // What a deploy tool does through the SDK: build the seeded function versions, wait for the build, deploy it to dev.
        var build = await BuildResource.CreateAsync(scenario.Service.Sid, functionVersions: scenario.Functions.Select(f => f.Version.Sid).ToList(), client: twilio);
        await BuildStatusResource.FetchAsync(scenario.Service.Sid, build.Sid, client: twilio);
        var deployment = await DeploymentResource.CreateAsync(scenario.Service.Sid, scenario.Environment("dev-environment").Sid, buildSid: build.Sid, client: twilio);

        fake.Should().HaveLiveBuild("dev-environment", build.Sid);
        fake.Should().HaveClearedEnvironment("production");
        fake.Should().HaveDeployment(deployment.Sid).Which.BuildSid.Should().Be(build.Sid);
        fake.Should().HaveReceived("CreateDeployment", withParameters: new { BuildSid = build.Sid }, times: 1)
            .And.HaveReceivedInOrder("CreateBuild", "FetchBuildStatus", "CreateDeployment")
            .And.HaveNoUnmatchedRequests()
            .And.HaveNoFailedRequests();
    }

    [Test]
    public void HaveLiveBuild_NothingDeployedToDev_Fails()
    {
        using var fake = FakeServerlessServer.StartInMemory();
        var scenario = fake.Seed().ServiceReadyToDeploy(o => o.EnvironmentNames = ["dev-environment", "production"]);

        var act = () => fake.Should().HaveLiveBuild("dev-environment", scenario.Build.Sid);

        act.Should().Throw<AssertionException>().WithMessage($"Expected fake to have build \"{scenario.Build.Sid}\" live in environment \"dev-environment\", but it has no live build.*");
    }
}

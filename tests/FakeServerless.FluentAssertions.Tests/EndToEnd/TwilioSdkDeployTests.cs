using FakeServerless.FluentAssertions.Tests.Support;
using Twilio.Clients;
using Twilio.Http;
using Twilio.Rest.Serverless.V1;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Build;
using Twilio.Rest.Serverless.V1.Service.Environment;

namespace FakeServerless.FluentAssertions.Tests.EndToEnd;

/// <summary>The assertions as a user writes them: deploy and clear through the Twilio SDK, then assert on the fake.</summary>
public sealed class TwilioSdkDeployTests : AssertionTestBase
{
    [Test]
    public async Task DeployThenClear_ThroughTheSdk_AssertionsSeeStateAndRequests()
    {
        // Arrange
        var fake = Fake;
        var twilio = new TwilioRestClient(fake.AccountSid, fake.AuthToken, httpClient: new SystemNetHttpClient(fake.CreateHttpClient()));
        var service = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: twilio);
        var environment = await EnvironmentResource.CreateAsync(service.Sid, uniqueName: "dev-environment", domainSuffix: "dev", client: twilio);
        var function = await FunctionResource.CreateAsync(service.Sid, friendlyName: "hello", client: twilio);
        var version = Account.CreateFunctionVersion(service.Sid, function.Sid, "/hello", "exports.handler = (c, e, cb) => cb(null, 'hi');");

        // Act
        var build = await BuildResource.CreateAsync(service.Sid, functionVersions: [version.Sid], client: twilio);
        await BuildStatusResource.FetchAsync(service.Sid, build.Sid, client: twilio);
        var deployment = await DeploymentResource.CreateAsync(service.Sid, environment.Sid, buildSid: build.Sid, client: twilio);

        // Assert
        fake.Should().HaveLiveBuild("dev-environment", build.Sid)
            .And.HaveDeployment(deployment.Sid).Which.BuildSid.Should().Be(build.Sid);
        fake.Should().HaveReceivedInOrder("CreateService", "CreateEnvironment", "CreateFunction", "CreateBuild", "FetchBuildStatus", "CreateDeployment")
            .And.HaveReceived("CreateBuild", withParameters: new { FunctionVersions = new[] { version.Sid } }, times: 1)
            .And.HaveReceived("CreateDeployment", withParameters: new { BuildSid = build.Sid })
            .And.HaveNoUnmatchedRequests()
            .And.HaveNoFailedRequests();

        // Act: clear the environment (a deployment without a build)
        var clearing = await DeploymentResource.CreateAsync(service.Sid, environment.Sid, client: twilio);

        // Assert
        fake.Should().HaveClearedEnvironment(environment.DomainName)
            .And.HaveDeploymentsIn("dev-environment", 1)
            .And.HaveDeployment(clearing.Sid).Which.BuildSid.Should().BeNull();
        fake.Should().HaveReceived("CreateDeployment", times: 2)
            .And.HaveReceived("CreateDeployment", withParameters: new { BuildSid = (string?)null }, times: 1);
    }
}

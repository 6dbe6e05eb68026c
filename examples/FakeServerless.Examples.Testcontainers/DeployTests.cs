using FakeServerless.Examples.Promotion;
using FakeServerless.Testcontainers;
using Twilio.Clients;
using Twilio.Http;
using Twilio.Rest.Serverless.V1;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Environment;

namespace FakeServerless.Examples.Testcontainers;

/// <summary>
/// The in-process examples' release test against the fake in a container: the same code under test, the Twilio SDK pointed at
/// the container by <see cref="FakeServerlessContainer.CreateHttpClient"/>. README, "Testcontainers": each test's first four
/// lines are the snippet there; keep the two in step.
/// </summary>
[Category("Docker")]
public sealed class DeployTests
{
    [Test]
    public async Task PromoteAsync_LiveInStaging_PromotesStagingToProduction()
    {
        await using var fake = new FakeServerlessBuilder().WithSeed(42).Build();   // image fake-serverless:local (build/container.sh)
        await fake.StartAsync();                                                     // ready when /_fake/health answers
        using var http = fake.CreateHttpClient();                                    // *.twilio.com and *.twil.io → the container
        var twilio = new TwilioRestClient(fake.AccountSid, fake.AuthToken, httpClient: new SystemNetHttpClient(http));
        var (service, build) = await Staging.DeployAsync(twilio, http, fake);

        var result = await new ReleaseManager(twilio).PromoteAsync(service.Sid, "staging", "production");

        Assert.That(result.Deployed, Is.True);
        var production = (await EnvironmentResource.ReadAsync(service.Sid, client: twilio)).Single(e => e.UniqueName == "production");
        Assert.That(production.BuildSid, Is.EqualTo(build.Sid));
    }

    [Test]
    public async Task Deploy_UnknownBuild_TwilioError20404()
    {
        await using var fake = new FakeServerlessBuilder().WithSeed(42).Build();
        await fake.StartAsync();
        using var http = fake.CreateHttpClient();
        var twilio = new TwilioRestClient(fake.AccountSid, fake.AuthToken, httpClient: new SystemNetHttpClient(http));
        var service = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: twilio);
        var environment = await EnvironmentResource.CreateAsync(service.Sid, uniqueName: "production", client: twilio);

        var error = Assert.ThrowsAsync<Twilio.Exceptions.ApiException>(() =>
            DeploymentResource.CreateAsync(service.Sid, environment.Sid, buildSid: "ZB00000000000000000000000000000000", client: twilio));

        Assert.That(error!.Code, Is.EqualTo(20404));
    }
}

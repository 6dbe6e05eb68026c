using FakeServerless.Examples.Promotion;
using FakeServerless.Testcontainers;
using Twilio.Clients;
using Twilio.Http;
using HttpClient = System.Net.Http.HttpClient;
using Twilio.Rest.Serverless.V1;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Environment;

namespace FakeServerless.Examples.Testcontainers;

/// <summary>
/// The in-process examples' release test against the fake in a container (README, "Testcontainers"): the same code under test,
/// the Twilio SDK pointed at the container by <see cref="FakeServerlessContainer.CreateHttpClient"/>.
/// </summary>
[Category("Docker")]
public sealed class DeployTests
{
    private FakeServerlessContainer _fake = null!;
    private HttpClient _http = null!;
    private TwilioRestClient _twilio = null!;

    [SetUp]
    public async Task StartFake()
    {
        _fake = new FakeServerlessBuilder().WithSeed(42).Build();
        await _fake.StartAsync();
        _http = _fake.CreateHttpClient();
        _twilio = new TwilioRestClient(_fake.AccountSid, _fake.AuthToken, httpClient: new SystemNetHttpClient(_http));
    }

    [TearDown]
    public async Task StopFake()
    {
        _http.Dispose();
        await _fake.DisposeAsync();
    }

    [Test]
    public async Task PromoteAsync_LiveInStaging_PromotesStagingToProduction()
    {
        var (service, build) = await Staging.DeployAsync(_twilio, _http, _fake);

        var result = await new ReleaseManager(_twilio).PromoteAsync(service.Sid, "staging", "production");

        Assert.That(result.Deployed, Is.True);
        var production = (await EnvironmentResource.ReadAsync(service.Sid, client: _twilio)).Single(e => e.UniqueName == "production");
        Assert.That(production.BuildSid, Is.EqualTo(build.Sid));
    }

    [Test]
    public async Task Deploy_UnknownBuild_TwilioError20404()
    {
        var service = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: _twilio);
        var environment = await EnvironmentResource.CreateAsync(service.Sid, uniqueName: "production", client: _twilio);

        var error = Assert.ThrowsAsync<Twilio.Exceptions.ApiException>(() =>
            DeploymentResource.CreateAsync(service.Sid, environment.Sid, buildSid: "ZB00000000000000000000000000000000", client: _twilio));

        Assert.That(error!.Code, Is.EqualTo(20404));
    }
}

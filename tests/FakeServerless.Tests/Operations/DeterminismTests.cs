using FakeServerless.Tests.Support;
using Twilio.Clients;
using Twilio.Http;
using Twilio.Rest.Serverless.V1;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Environment;

namespace FakeServerless.Tests.Operations;

[TestFixtureSource(typeof(TransportCase), nameof(TransportCase.All))]
public sealed class DeterminismTests(FakeServerlessTransport transport) : OperationsTestBase(transport)
{
    [Test]
    public async Task SameSeedSameCalls_IdenticalSidsAndDomains()
    {
        var first = await RunScenarioAsync(seed: 42);
        var second = await RunScenarioAsync(seed: 42);

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public async Task DifferentSeed_DifferentSids()
    {
        var first = await RunScenarioAsync(seed: 42);
        var second = await RunScenarioAsync(seed: 43);

        Assert.That(second.Zip(first).Count(p => p.First == p.Second), Is.Zero);
    }

    [Test]
    public async Task Reset_StartsSidsAgainFromTheSeed()
    {
        var before = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: Twilio);

        Fake.Reset();
        var after = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: Twilio);

        Assert.That((after.Sid, after.DomainBase), Is.EqualTo((before.Sid, before.DomainBase)));
    }

    /// <summary>The same calls on a fresh fake with <paramref name="seed"/>; returns every SID and domain it made.</summary>
    private async Task<List<string>> RunScenarioAsync(int seed)
    {
        using var fake = FakeServerlessServer.Start(new FakeServerlessOptions { Transport = Transport, Seed = seed });
        var client = new TwilioRestClient(fake.AccountSid, fake.AuthToken, httpClient: new SystemNetHttpClient(fake.CreateHttpClient()));
        var service = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: client);
        var environment = await EnvironmentResource.CreateAsync(service.Sid, uniqueName: "dev", domainSuffix: "dev", client: client);
        var variable = await VariableResource.CreateAsync(service.Sid, environment.Sid, key: "K", value: "v", client: client);
        var function = await FunctionResource.CreateAsync(service.Sid, friendlyName: "hello", client: client);
        var version = fake.Account().CreateFunctionVersion(service.Sid, function.Sid, "/hello", "// code");
        var build = await BuildResource.CreateAsync(service.Sid, functionVersions: [version.Sid], client: client);
        fake.Account().CompleteBuild(service.Sid, build.Sid);
        var deployment = await DeploymentResource.CreateAsync(service.Sid, environment.Sid, buildSid: build.Sid, client: client);
        var log = fake.Account().AppendLog(service.Sid, environment.Sid, "hello");
        return [service.Sid, service.DomainBase, environment.Sid, environment.DomainName, variable.Sid, function.Sid, version.Sid, build.Sid, deployment.Sid, log.Sid, log.RequestSid ?? string.Empty];
    }
}

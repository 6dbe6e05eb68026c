using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using FakeServerless.Testcontainers.Tests.Support;
using Twilio.Rest.Serverless.V1;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Environment;

namespace FakeServerless.Testcontainers.Tests;

[Category("Docker")]
[Parallelizable(ParallelScope.All)]
public sealed class FakeServerlessContainerTests
{
    [Test]
    public async Task CreateHttpClient_TwilioSdkDeploy_LiveBuildInStateAndDomainServed()
    {
        await using var container = Fakes.Builder().Build();
        await container.StartAsync();
        using var http = container.CreateHttpClient();

        var (service, environment, build) = await Fakes.DeployHelloAsync(container, http);

        var fetched = await EnvironmentResource.FetchAsync(service.Sid, environment.Sid, client: Fakes.Twilio(container, http));
        Assert.That(fetched.BuildSid, Is.EqualTo(build.Sid));
        var state = await Fakes.StateAsync(container);
        Assert.That(Fakes.Environment(state, container.AccountSid, "production").BuildSid, Is.EqualTo(build.Sid));
        using var served = await http.GetAsync(new Uri($"https://{environment.DomainName}/hello")); // *.twil.io → the container, Host kept
        Assert.That(served.StatusCode, Is.EqualTo(HttpStatusCode.OK), await served.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task CreateFake_ControlToken_TheInProcessApiOnTheContainer()
    {
        await using var container = Fakes.Builder().WithControlToken("container-token").Build();
        await container.StartAsync();
        await using var fake = container.CreateFake();
        using var http = fake.CreateHttpClient();

        var scenario = fake.Seed().ServiceLiveIn("staging");
        fake.Faults.When("CreateDeployment").ServiceUnavailable().Once();
        var twilio = Fakes.Twilio(container, http);
        Assert.ThrowsAsync<Twilio.Exceptions.ApiException>(() =>
            DeploymentResource.CreateAsync(scenario.Service.Sid, scenario.Environment("production").Sid, buildSid: scenario.Build.Sid, client: twilio));
        await DeploymentResource.CreateAsync(scenario.Service.Sid, scenario.Environment("production").Sid, buildSid: scenario.Build.Sid, client: twilio);

        Assert.That(fake.Snapshot().Environment("production")!.BuildSid, Is.EqualTo(scenario.Build.Sid));
        Assert.That(fake.Journal.OfOperation("CreateDeployment").Select(e => e.StatusCode), Is.EqualTo(new[] { 503, 201 }));
        fake.Reset();
        Assert.That(fake.Snapshot().Services, Is.Empty);
        using var tokenless = FakeServerlessServer.Connect(container.GetBaseAddress());
        Assert.That(Assert.Throws<FakeServerlessControlException>(() => tokenless.Snapshot())!.Status, Is.EqualTo(401));
    }

    [Test]
    public async Task GetBaseAddress_Started_PublishedPortOfTheDockerHostAnswersHealth()
    {
        await using var container = Fakes.Builder().Build();
        await container.StartAsync();

        var address = container.GetBaseAddress();
        using var http = new HttpClient();
        using var health = await http.GetAsync(new Uri(address, "/_fake/health"));

        Assert.That(address.Port, Is.EqualTo(container.GetMappedPublicPort(FakeServerlessBuilder.FakeServerlessPort)));
        Assert.That(address.Host, Is.EqualTo(container.Hostname));
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(container.GetProxyAddress(), Is.Null, "no proxy unless WithProxy()");
        Assert.That(container.ControlToken, Is.Null);
        Assert.That(container.AccountSid, Is.EqualTo("AC00000000000000000000000000000001"));
        Assert.That(container.AuthToken, Is.EqualTo("fake-auth-token"));
    }

    [Test]
    public async Task GetProxyAddress_WithProxy_TwilioSdkThroughProxyTrustingCopiedCaReachesTheFake()
    {
        await using var container = Fakes.Builder().WithProxy().Build();
        await container.StartAsync();
        var ca = X509Certificate2.CreateFromPem(await container.GetCertificateAuthorityPemAsync());
        var handler = new SocketsHttpHandler
        {
            Proxy = new WebProxy(container.GetProxyAddress()),
            UseProxy = true,
            SslOptions = new SslClientAuthenticationOptions
            {
                CertificateChainPolicy = new X509ChainPolicy
                {
                    TrustMode = X509ChainTrustMode.CustomRootTrust,
                    CustomTrustStore = { ca },
                    RevocationMode = X509RevocationMode.NoCheck, // the fake's CA publishes no revocation list
                },
            },
        };
        using var http = new HttpClient(handler); // no redirect: HTTPS to serverless.twilio.com, through the proxy

        var service = await ServiceResource.CreateAsync(uniqueName: "proxied", friendlyName: "Proxied", client: Fakes.Twilio(container, http));

        var state = await Fakes.StateAsync(container);
        Assert.That(state.Accounts.Single().Services.Items.Single().Service.Sid, Is.EqualTo(service.Sid));
        Assert.That(container.GetProxyAddress()!.Port, Is.EqualTo(container.GetMappedPublicPort(FakeServerlessBuilder.ProxyPort)));
    }

    [Test]
    public async Task GetCertificateAuthorityPemAsync_ProxyOff_ThrowsNamingWithProxy()
    {
        await using var container = Fakes.Builder().Build();
        await container.StartAsync();

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => container.GetCertificateAuthorityPemAsync());

        Assert.That(error!.Message, Does.Contain("WithProxy()"));
    }
}

using System.Net;

namespace FakeServerless.Testcontainers.Compatibility;

[Category("Docker")]
public sealed class FakeServerlessContainerTests
{
    [Test]
    public async Task StartAsync_OnTestcontainers4_HealthyWithProxyAndItsCa()
    {
        await using var container = new FakeServerlessBuilder(EngineSetUp.Image).WithControlToken("control").WithProxy().Build();

        await container.StartAsync(); // the health wait, with the token
        using var http = new HttpClient { BaseAddress = container.GetBaseAddress() };
        using var health = await http.GetAsync("/_fake/health");
        var pem = await container.GetCertificateAuthorityPemAsync();

        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the control token is on");
        Assert.That(pem, Does.StartWith("-----BEGIN CERTIFICATE-----"));
        Assert.That(container.GetProxyAddress()!.Port, Is.EqualTo(container.GetMappedPublicPort(FakeServerlessBuilder.ProxyPort)));
    }
}

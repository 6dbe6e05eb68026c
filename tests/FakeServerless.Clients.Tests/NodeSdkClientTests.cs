using FakeServerless.Clients.Tests.Installs;

namespace FakeServerless.Clients.Tests;

/// <summary>
/// The Node SDK (npm <c>twilio</c> 6.x), unmodified, from examples/node-sdk/deploy.js: twilio-node reads <c>HTTP_PROXY</c> (not
/// HTTPS_PROXY) into its proxy agent and trusts the CA through <c>NODE_EXTRA_CA_CERTS</c>. Installed once by
/// <see cref="ClientInstalls"/>.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class NodeSdkClientTests
{
    [Test]
    public async Task NodeSdk_WithHttpProxyAndNodeExtraCaCerts_DeploysAndClears()
    {
        var modules = await ClientInstalls.NodeSdkAsync();
        using var proxy = new ProxyFake();
        var start = ChildProcess.For(proxy, "node", Path.Combine(ChildProcess.RepositoryRoot(), "examples", "node-sdk", "deploy.js"), "node-deploy");
        start.Environment["NODE_PATH"] = modules;
        start.Environment["NODE_EXTRA_CA_CERTS"] = proxy.Fake.CertificateAuthorityPath!;

        var (exit, output) = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(2));

        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Contain("https://serverless.twilio.com/v1/Services/ZS").And.Contain("build none"));
        var snapshot = proxy.Fake.Snapshot();
        Assert.That(snapshot.Services.Single().UniqueName, Is.EqualTo("node-deploy"));
        Assert.That(snapshot.Environments.Single().BuildSid, Is.Null);
        Assert.That(proxy.Fake.Journal.OfOperation("CreateFunctionVersion"), Has.Count.EqualTo(1));
        Assert.That(proxy.Fake.Journal.OfOperation("CreateAssetVersion"), Has.Count.EqualTo(1));
        Assert.That(proxy.Fake.Journal.OfOperation("CreateDeployment"), Has.Count.EqualTo(2));
        Assert.That(proxy.Fake.Journal.Entries.Select(e => e.Transport).Distinct(), Is.EqualTo(new[] { "proxy" }));
    }

    [Test]
    public async Task NodeSdk_WithApiKey_ActsOnTheKeysAccount()
    {
        var modules = await ClientInstalls.NodeSdkAsync();
        using var proxy = new ProxyFake();
        const string owner = "AC000000000000000000000000000000d2";
        var key = proxy.Fake.CreateApiKey(owner);
        var start = ChildProcess.For(proxy, "node", Path.Combine(ChildProcess.RepositoryRoot(), "examples", "node-sdk", "deploy.js"), "node-keyed");
        start.Environment["NODE_PATH"] = modules;
        start.Environment["NODE_EXTRA_CA_CERTS"] = proxy.Fake.CertificateAuthorityPath!;
        start.Environment["TWILIO_ACCOUNT_SID"] = owner;
        start.Environment["TWILIO_API_KEY"] = key.Sid;
        start.Environment["TWILIO_API_SECRET"] = key.Secret;

        var (exit, output) = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(2));

        Assert.That(exit, Is.Zero, output);
        Assert.That(proxy.Fake.Snapshot(owner).Services.Single().UniqueName, Is.EqualTo("node-keyed"));
        Assert.That(proxy.Fake.Journal.Entries.Select(e => e.ApiKeySid).Distinct(), Is.EqualTo(new[] { key.Sid }));
    }
}

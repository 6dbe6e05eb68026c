using FakeServerless.Clients.Tests.Installs;
using FakeServerless.Clients.Tests.Support;

namespace FakeServerless.Clients.Tests;

/// <summary>
/// Twilio's deploy toolkit (npm <c>@twilio-labs/serverless-api</c> 5.x, the library inside twilio-run and the CLI's
/// serverless plugin), unmodified, from examples/deploy-toolkit/deploy.js: it reads <c>HTTP_PROXY</c> into its own proxy
/// agent, and Node trusts the CA through <c>NODE_EXTRA_CA_CERTS</c>.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class DeployToolkitClientTests
{
    [Test]
    public async Task DeployProject_WithHttpProxyAndNodeExtraCaCerts_DeploysTheProjectAndClears()
    {
        var modules = await ClientInstalls.DeployToolkitAsync();
        using var proxy = new ProxyFake();

        var (exit, output) = await RunAsync(proxy, modules, "toolkit-deployed");

        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Contain("deployed build ZB").And.Contain("build none"));
        DeployedState.AssertDeployed(proxy.Fake, "toolkit-deployed", cleared: true);
    }

    [Test]
    public async Task DeployProject_WithApiKey_DeploysToTheKeysAccount()
    {
        var modules = await ClientInstalls.DeployToolkitAsync();
        using var proxy = new ProxyFake();
        const string owner = "AC000000000000000000000000000000d3";
        var key = proxy.Fake.CreateApiKey(owner);

        var (exit, output) = await RunAsync(proxy, modules, "toolkit-keyed", ("TWILIO_ACCOUNT_SID", owner), ("TWILIO_API_KEY", key.Sid), ("TWILIO_API_SECRET", key.Secret));

        Assert.That(exit, Is.Zero, output);
        DeployedState.AssertDeployed(proxy.Fake, "toolkit-keyed", cleared: true, owner);
        Assert.That(proxy.Fake.Snapshot().Services, Is.Empty, "nothing lands in the default account");
        Assert.That(proxy.Fake.Journal.Entries.Select(e => e.ApiKeySid).Distinct(), Is.EqualTo(new[] { key.Sid }));
    }

    private static async Task<(int Exit, string Output)> RunAsync(ProxyFake proxy, string modules, string serviceName, params (string Name, string Value)[] environment)
    {
        var root = ChildProcess.RepositoryRoot();
        var start = ChildProcess.For(proxy, "node", Path.Combine(root, "examples", "deploy-toolkit", "deploy.js"), Path.Combine(root, "examples", "functions-project"), serviceName);
        start.Environment["NODE_PATH"] = modules;
        start.Environment["NODE_EXTRA_CA_CERTS"] = proxy.Fake.CertificateAuthorityPath!;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(2));
    }
}

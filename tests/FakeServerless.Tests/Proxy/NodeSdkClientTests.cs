namespace FakeServerless.Tests.Proxy;

/// <summary>
/// The Node SDK (npm <c>twilio</c> 6.x), unmodified, from examples/node-sdk/deploy.js: twilio-node reads <c>HTTP_PROXY</c> (not
/// HTTPS_PROXY) into its proxy agent and trusts the CA through <c>NODE_EXTRA_CA_CERTS</c>. The package is installed once into a
/// cache folder outside the repository (<c>FAKESERVERLESS_NPM_CACHE</c>, default the temp folder); if node or the install fails,
/// the test fails and says why. <c>FAKESERVERLESS_SKIP_NODE_TESTS=1</c> skips it, visibly.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class NodeSdkClientTests
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    [Test]
    public async Task NodeSdk_WithHttpProxyAndNodeExtraCaCerts_DeploysAndClears()
    {
        var modules = await InstallAsync();
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
        var modules = await InstallAsync();
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

    /// <summary>The cache's node_modules, installing <c>twilio@6</c> there first if it is missing.</summary>
    private static async Task<string> InstallAsync()
    {
        if (Environment.GetEnvironmentVariable("FAKESERVERLESS_SKIP_NODE_TESTS") == "1")
        {
            Assert.Ignore("FAKESERVERLESS_SKIP_NODE_TESTS=1: the Node SDK test is skipped on request.");
        }

        var cache = Environment.GetEnvironmentVariable("FAKESERVERLESS_NPM_CACHE") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "fakeserverless-npm");
        var modules = Path.Combine(cache, "node_modules");
        await InstallGate.WaitAsync();
        try
        {
            if (File.Exists(Path.Combine(modules, "twilio", "package.json")) && File.Exists(Path.Combine(modules, "https-proxy-agent", "package.json")))
            {
                return modules;
            }

            Directory.CreateDirectory(cache);
            var start = new System.Diagnostics.ProcessStartInfo("npm") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "install", "--prefix", cache, "twilio@6", "--no-audit", "--no-fund", "--no-save" })
            {
                start.ArgumentList.Add(argument);
            }

            (int Exit, string Output) result;
            try
            {
                result = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(5));
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                Assert.Fail($"npm is needed to install the Node SDK (twilio@6) into {cache}, and it could not be started: {ex.Message}. Install Node.js 18+ with npm, or set FAKESERVERLESS_SKIP_NODE_TESTS=1.");
                throw;
            }

            if (result.Exit != 0 || !File.Exists(Path.Combine(modules, "twilio", "package.json")))
            {
                Assert.Fail($"npm install --prefix {cache} twilio@6 failed (exit {result.Exit}): {result.Output}");
            }

            return modules;
        }
        finally
        {
            InstallGate.Release();
        }
    }
}

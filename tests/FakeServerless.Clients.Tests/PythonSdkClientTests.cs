using FakeServerless.Clients.Tests.Installs;
using FakeServerless.Clients.Tests.Support;

namespace FakeServerless.Clients.Tests;

/// <summary>
/// The Python SDK (Debian's <c>python3-twilio</c>, 7.x), unmodified, from examples/python/deploy.py: requests reads
/// <c>HTTPS_PROXY</c>. That SDK calls <c>Session.send</c> directly, which skips <c>REQUESTS_CA_BUNDLE</c>, and Debian's
/// requests trusts only the system store, so the fixture adds ca.pem there as a CI job would (once: every test's fake
/// reuses one CA folder, as <c>--ca-dir</c> does) and removes it afterwards.
/// Function and Asset Version uploads, which the SDK has no call for, are requests' multipart POSTs in the script.
/// </summary>
[Platform(Include = "Linux", Reason = "Debian's python3-twilio and update-ca-certificates.")]
public sealed class PythonSdkClientTests
{
    private string _python = null!;
    private string? _caDirectory;
    private SystemTrustStore? _trusted;

    [OneTimeSetUp]
    public async Task InstallAndTrustTheCa()
    {
        _python = await ClientInstalls.PythonSdkAsync();
        _caDirectory = Directory.CreateTempSubdirectory("fakeserverless-ca-").FullName;
        using (new ProxyFake(caDirectory: _caDirectory))
        {
            // The first fake creates ca.pem; the tests' fakes reuse it.
        }

        _trusted = await SystemTrustStore.AddAsync(Path.Combine(_caDirectory, "ca.pem"));
    }

    [OneTimeTearDown]
    public async Task UntrustTheCa()
    {
        if (_trusted is not null)
        {
            await _trusted.DisposeAsync();
        }

        if (_caDirectory is not null)
        {
            Directory.Delete(_caDirectory, recursive: true);
        }
    }

    [Test]
    public async Task DeployPy_WithHttpsProxyAndTheCaInTheSystemStore_DeploysAndClears()
    {
        using var proxy = new ProxyFake(caDirectory: _caDirectory!);

        var (exit, output) = await RunAsync(proxy, _python, "python-deployed");

        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Contain("deployed ZD").And.Contain("build none"));
        DeployedState.AssertDeployed(proxy.Fake, "python-deployed", cleared: true, wholeProject: false);
    }

    [Test]
    public async Task DeployPy_WithApiKey_DeploysToTheKeysAccount()
    {
        using var proxy = new ProxyFake(caDirectory: _caDirectory!);
        const string owner = "AC000000000000000000000000000000e4";
        var key = proxy.Fake.CreateApiKey(owner);

        var (exit, output) = await RunAsync(proxy, _python, "python-keyed", ("TWILIO_ACCOUNT_SID", owner), ("TWILIO_API_KEY", key.Sid), ("TWILIO_API_SECRET", key.Secret));

        Assert.That(exit, Is.Zero, output);
        DeployedState.AssertDeployed(proxy.Fake, "python-keyed", cleared: true, owner, wholeProject: false);
        Assert.That(proxy.Fake.Journal.Entries.Select(e => e.ApiKeySid).Distinct(), Is.EqualTo(new[] { key.Sid }));
    }

    [Test]
    public async Task DeployPy_WithoutTheCaInTheSystemStore_FailsVerification()
    {
        using var proxy = new ProxyFake(); // its own CA, never added to the system store

        var (exit, output) = await RunAsync(proxy, _python, "python-untrusted", ("REQUESTS_CA_BUNDLE", proxy.Fake.CertificateAuthorityPath!));

        Assert.That(exit, Is.Not.Zero);
        Assert.That(output, Does.Contain("CERTIFICATE_VERIFY_FAILED"), "the SDK ignores REQUESTS_CA_BUNDLE; only the system store is trusted");
        Assert.That(proxy.Fake.Snapshot().Services, Is.Empty);
    }

    private static async Task<(int Exit, string Output)> RunAsync(ProxyFake proxy, string python, string serviceName, params (string Name, string Value)[] environment)
    {
        var root = ChildProcess.RepositoryRoot();
        var start = ChildProcess.For(proxy, python, Path.Combine(root, "examples", "python", "deploy.py"), Path.Combine(root, "examples", "functions-project"), serviceName);
        start.Environment.Remove("REQUESTS_CA_BUNDLE");
        start.Environment.Remove("CURL_CA_BUNDLE");
        start.Environment.Remove("PYTHONPATH");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(2));
    }
}

namespace FakeServerless.Proxy.Tests.Clients;

/// <summary>
/// An unchanged C# deploy program (examples/FakeServerless.Examples.ProxyClient: <c>TwilioClient.Init</c> and the SDK, no
/// reference to the fake) run as a child process with only environment variables pointing it at the fake: <c>HTTPS_PROXY</c>
/// (read by .NET's default proxy) and <c>SSL_CERT_FILE</c> (on Linux .NET builds chains over OpenSSL's default store, which
/// that variable replaces).
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class ChildProcessClientTests
{
    [Test]
    [Platform(Include = "Linux", Reason = "SSL_CERT_FILE is how .NET on Linux (OpenSSL) is told which roots to trust.")]
    public async Task UnchangedProgram_WithHttpsProxyAndSslCertFile_DeploysThroughTheProxy()
    {
        using var proxy = new ProxyFake();

        var (exit, output) = await RunClientAsync(proxy, "child-deploy", trustCa: true);

        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Contain("service ZS").And.Contain("https://serverless.twilio.com/v1/Services/ZS"));
        Assert.That(output, Does.Contain("live 200").And.Contain("build none"));
        var snapshot = proxy.Fake.Snapshot();
        Assert.That(snapshot.Services.Single().UniqueName, Is.EqualTo("child-deploy"));
        Assert.That(snapshot.Environments.Single().BuildSid, Is.Null);
        Assert.That(proxy.Fake.Journal.OfOperation("CreateDeployment"), Has.Count.EqualTo(2));
        Assert.That(proxy.Fake.Journal.Entries.Select(e => e.Transport).Distinct(), Is.EqualTo(new[] { "proxy" }));
        Assert.That(proxy.Fake.Journal.Entries.Select(e => e.Host).Distinct(), Is.EquivalentTo(new[] { "serverless.twilio.com", "serverless-upload.twilio.com", snapshot.Environments.Single().DomainName }));
    }

    [Test]
    [Platform(Include = "Linux", Reason = "SSL_CERT_FILE is how .NET on Linux (OpenSSL) is told which roots to trust.")]
    public async Task UnchangedProgram_WithApiKey_ActsOnTheKeysAccount()
    {
        using var proxy = new ProxyFake();
        const string owner = "AC000000000000000000000000000000c1";
        var key = proxy.Fake.CreateApiKey(owner);

        var (exit, output) = await RunClientAsync(proxy, "keyed-deploy", trustCa: true, ("TWILIO_ACCOUNT_SID", owner), ("TWILIO_API_KEY", key.Sid), ("TWILIO_API_SECRET", key.Secret));

        Assert.That(exit, Is.Zero, output);
        Assert.That(proxy.Fake.Snapshot(owner).Services.Single().UniqueName, Is.EqualTo("keyed-deploy"));
        Assert.That(proxy.Fake.Journal.Entries.Where(e => e.Operation != "ServeDomain").Select(e => e.ApiKeySid).Distinct(), Is.EqualTo(new[] { key.Sid }));
    }

    [Test]
    [Platform(Include = "Linux", Reason = "SSL_CERT_FILE is how .NET on Linux (OpenSSL) is told which roots to trust.")]
    public async Task UnchangedProgram_WithoutTheCa_FailsTheTlsHandshake()
    {
        using var proxy = new ProxyFake();

        var (exit, output) = await RunClientAsync(proxy, "untrusted", trustCa: false);

        Assert.That(exit, Is.Not.Zero);
        Assert.That(output, Does.Contain("SSL").IgnoreCase.Or.Contain("certificate").IgnoreCase);
        Assert.That(proxy.Fake.Journal.Entries, Is.Empty);
    }

    private static Task<(int Exit, string Output)> RunClientAsync(ProxyFake proxy, string name, bool trustCa, params (string Name, string Value)[] extra)
    {
        var start = ChildProcess.For(proxy, Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", ClientPath(), name);

        // Without the CA, an empty bundle: the system roots lack it either way, and an empty file keeps the test hermetic.
        var emptyBundle = Path.Combine(proxy.CaDirectory, "empty.pem");
        File.WriteAllText(emptyBundle, string.Empty);
        start.Environment["SSL_CERT_FILE"] = trustCa ? proxy.Fake.CertificateAuthorityPath! : emptyBundle;
        foreach (var (variable, value) in extra)
        {
            start.Environment[variable] = value;
        }

        return ChildProcess.RunAsync(start, TimeSpan.FromMinutes(2));
    }

    /// <summary>The example's build output, in the same configuration and framework as this test assembly.</summary>
    private static string ClientPath()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(ChildProcess.RepositoryRoot(), "examples", "FakeServerless.Examples.ProxyClient", "bin", output.Parent!.Name, output.Name, "FakeServerless.Examples.ProxyClient.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build examples/FakeServerless.Examples.ProxyClient first (the test project references it): {path} is missing.", path);
    }
}

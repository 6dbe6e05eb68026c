using System.Diagnostics;
using FakeServerless.Tests.Support;

namespace FakeServerless.Proxy.Tests.Clients;

/// <summary>
/// OpenSSL-based tools against the proxy: curl as the README shows it, and <c>openssl verify -x509_strict</c>, the checks
/// Python 3.13 turns on by default (a missing Authority Key Identifier or a non-critical CA constraint fails there).
/// </summary>
[Category(TestCategories.RealClients)]
[Parallelizable(ParallelScope.All)]
[Platform(Include = "Linux,MacOsX", Reason = "curl and openssl are on the PATH of the Unix CI machines.")]
public sealed class CommandLineClientTests
{
    [Test]
    public async Task Curl_WithProxyAndCacert_ListsServices()
    {
        using var proxy = new ProxyFake();
        proxy.Fake.Account().CreateService("curled");
        var start = Tool("curl", "-sS", "--fail-with-body", "--proxy", proxy.Fake.ProxyUrl!.ToString(), "--cacert", proxy.Fake.CertificateAuthorityPath!,
            "-u", $"{proxy.Fake.AccountSid}:{proxy.Fake.AuthToken}", "https://serverless.twilio.com/v1/Services");

        var (exit, output) = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(1));

        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Contain("\"unique_name\":\"curled\"").And.Contain("\"url\":\"https://serverless.twilio.com/v1/Services/ZS"));
    }

    [Test]
    public async Task Curl_ToANonTwilioHost_IsRefusedByTheProxy()
    {
        using var proxy = new ProxyFake();
        var start = Tool("curl", "-sS", "--proxy", proxy.Fake.ProxyUrl!.ToString(), "https://example.com/");

        var (exit, output) = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(1));

        Assert.That(exit, Is.Not.Zero);
        Assert.That(output, Does.Contain("403"));
    }

    [Test]
    public async Task OpensslVerifyStrict_MintedLeaf_Passes()
    {
        using var proxy = new ProxyFake();
        System.Security.Cryptography.X509Certificates.X509Certificate2? served = null;
        using (var client = proxy.CreateClient(certificate => served = certificate))
        {
            await client.GetAsync("https://serverless.twilio.com/v1/Services");
        }

        var leafPath = Path.Combine(proxy.CaDirectory, "leaf.pem");
        await File.WriteAllTextAsync(leafPath, served!.ExportCertificatePem());
        var start = Tool("openssl", "verify", "-x509_strict", "-purpose", "sslserver", "-verify_hostname", "serverless.twilio.com", "-CAfile", proxy.Fake.CertificateAuthorityPath!, leafPath);

        var (exit, output) = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(1));

        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Contain(": OK"));
    }

    private static ProcessStartInfo Tool(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var variable in new[] { "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "no_proxy", "CURL_CA_BUNDLE", "SSL_CERT_FILE" })
        {
            start.Environment.Remove(variable);
        }

        return start;
    }
}

using System.Security.Cryptography.X509Certificates;

namespace FakeServerless.Clients.Tests.Support;

/// <summary>
/// The fake's CA added to Debian's system certificate store the way a CI job does it
/// (<c>cp ca.pem /usr/local/share/ca-certificates/fakeserverless-HASH.crt &amp;&amp; update-ca-certificates</c>), and removed
/// again on dispose. For clients that trust only the system store, such as Debian's python3-twilio. Needs root.
/// </summary>
internal sealed class SystemTrustStore : IAsyncDisposable
{
    private const string LocalCertificates = "/usr/local/share/ca-certificates";

    private SystemTrustStore(string path) => Path = path;

    /// <summary>The .crt file added under /usr/local/share/ca-certificates.</summary>
    public string Path { get; }

    /// <summary>Adds the CA certificate at <paramref name="caPemPath"/>; the test fails with update-ca-certificates' output if it cannot.</summary>
    public static async Task<SystemTrustStore> AddAsync(string caPemPath)
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/sbin/update-ca-certificates"))
        {
            Assert.Fail("This test adds the fake's CA to the system store with update-ca-certificates (Debian's ca-certificates), which this machine lacks.");
        }

        var path = System.IO.Path.Combine(LocalCertificates, $"fakeserverless-{X509CertificateLoader.LoadCertificateFromFile(caPemPath).Thumbprint.ToLowerInvariant()}.crt");
        var store = new SystemTrustStore(path);
        try
        {
            Directory.CreateDirectory(LocalCertificates);
            File.Copy(caPemPath, path, overwrite: true);
        }
        catch (UnauthorizedAccessException ex)
        {
            Assert.Fail($"Adding the fake's CA to the system store needs root (as in CI): {ex.Message}");
        }

        await store.UpdateAsync();
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        File.Delete(Path);
        // A plain run rebuilds the bundle but leaves the certificate's links in /etc/ssl/certs; --fresh rebuilds those too.
        await UpdateAsync("--fresh");
    }

    private async Task UpdateAsync(params string[] arguments)
    {
        var (exit, output) = await ChildProcess.RunAsync(Installs.ClientInstalls.Command("update-ca-certificates", arguments), TimeSpan.FromMinutes(5));
        Assert.That(exit, Is.Zero, $"update-ca-certificates {string.Join(' ', arguments)}: {output}");
    }
}

using System.Diagnostics;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FakeServerless.Proxy.Certificates;

namespace FakeServerless.Proxy.Tests.Certificates;

/// <summary>
/// The CA folder is its owner's alone (issue 17, item 8): a folder or file writable by others or owned by another user, or a
/// symbolic link, makes the proxy refuse to start (nothing planted is adopted, nothing is written through a link); and the CA is
/// name-constrained to twilio.com and twil.io. Through <see cref="FakeServerlessServer.Start(Action{FakeServerlessOptions})"/>
/// with <c>UseProxy</c>, as a user starts it.
/// </summary>
[Parallelizable(ParallelScope.All)]
[Platform(Include = "Linux", Reason = "File owners and modes are checked on Linux (statx); Windows uses ACLs.")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CertificateAuthorityFolderTests
{
    [TestCase(UnixFileMode.GroupWrite)]
    [TestCase(UnixFileMode.OtherWrite)]
    [TestCase(UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)]
    public void Start_FolderWritableByOthers_RefusedBeforeWritingAnything(UnixFileMode extra)
    {
        using var folder = new TempFolder();
        File.SetUnixFileMode(folder.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | extra);

        var error = Assert.Throws<CertificateAuthorityException>(() => Start(folder.Path));

        Assert.That(error!.Path, Is.EqualTo(folder.Path));
        Assert.That(error.Message, Does.Contain("is writable by others"));
        Assert.That(Directory.GetFileSystemEntries(folder.Path), Is.Empty);
    }

    [TestCase("ca-key.pem")]
    [TestCase("ca.pem")]
    [TestCase("ca.lock")]
    public void Start_PlantedSymbolicLink_RefusedAndItsTargetUntouched(string name)
    {
        using var folder = new TempFolder();
        using var elsewhere = new TempFolder();
        var victim = Path.Combine(elsewhere.Path, "victim.txt");
        File.WriteAllText(victim, "precious");
        File.CreateSymbolicLink(Path.Combine(folder.Path, name), victim);

        var error = Assert.Throws<CertificateAuthorityException>(() => Start(folder.Path));

        Assert.That(error!.Path, Is.EqualTo(Path.Combine(folder.Path, name)));
        Assert.That(error.Message, Does.Contain("is a symbolic link"));
        Assert.That(File.ReadAllText(victim), Is.EqualTo("precious"));
    }

    [Test]
    public void Start_DanglingKeyLink_NeverCreatesItsTarget()
    {
        // The old proxy opened ca-key.pem with FileMode.Create: a link to a path that did not exist yet made it write the key there.
        using var folder = new TempFolder();
        using var elsewhere = new TempFolder();
        var target = Path.Combine(elsewhere.Path, "stolen-key.pem");
        File.CreateSymbolicLink(Path.Combine(folder.Path, "ca-key.pem"), target);

        Assert.Throws<CertificateAuthorityException>(() => Start(folder.Path));

        Assert.That(File.Exists(target), Is.False);
    }

    [Test]
    public void Start_FolderIsASymbolicLink_Refused()
    {
        using var folder = new TempFolder();
        var link = folder.Path + "-link";
        Directory.CreateSymbolicLink(link, folder.Path);
        try
        {
            var error = Assert.Throws<CertificateAuthorityException>(() => Start(link));

            Assert.That(error!.Message, Does.Contain("is a symbolic link"));
        }
        finally
        {
            File.Delete(link);
        }
    }

    [Test]
    public void Start_FolderOwnedByAnotherUser_Refused()
    {
        using var folder = new TempFolder();
        var foreign = folder.Path;
        if (IsRoot)
        {
            Chown("65534", foreign);
        }
        else
        {
            foreign = "/"; // owned by root, and this process is not root
        }

        var error = Assert.Throws<CertificateAuthorityException>(() => Start(foreign));

        Assert.That(error!.Message, Does.Contain("is owned by another user"));
    }

    [Test]
    public void Start_CaPlantedByAnotherUser_NotAdopted()
    {
        Assert.That(IsRoot, Is.True, "This test plants files owned by another user with chown: run it as root (as CI does).");
        using var folder = new TempFolder();
        using (CertificateAuthority.LoadOrCreate(folder.Path))
        {
        }

        Chown("65534", Path.Combine(folder.Path, "ca.pem"));
        Chown("65534", Path.Combine(folder.Path, "ca-key.pem"));

        var error = Assert.Throws<CertificateAuthorityException>(() => Start(folder.Path));

        Assert.That(error!.Message, Does.Contain("is owned by another user"));
    }

    [Test]
    public void Ca_NameConstraints_PermitOnlyTwilioNamesAndNoAddress()
    {
        using var folder = new TempFolder();
        using var authority = CertificateAuthority.LoadOrCreate(folder.Path);
        using var ca = X509CertificateLoader.LoadCertificateFromFile(authority.CertificatePath);

        var extension = ca.Extensions["2.5.29.30"];

        Assert.That(extension, Is.Not.Null);
        Assert.That(extension!.Critical, Is.True);
        var (permitted, excluded) = Decode(extension.RawData);
        Assert.That(permitted, Is.EqualTo(new[] { "twilio.com", "twil.io" }));
        Assert.That(excluded, Is.EqualTo(new[] { new string('0', 16), new string('0', 64) }), "0.0.0.0/0 and ::/0");
    }

    [TestCase("serverless.twilio.com", true)]
    [TestCase("shop-1234-dev.twil.io", true)]
    [TestCase("example.com", false)]
    [TestCase("twilio.com.evil.example", false)]
    public void Ca_LeafOutsideItsNames_DoesNotChain(string host, bool chains)
    {
        // Even if the CA's key leaked, a certificate it signed for another site is refused by the client's own chain check.
        using var folder = new TempFolder();
        using var authority = CertificateAuthority.LoadOrCreate(folder.Path);
        using var leaf = authority.MintLeaf(host);
        using var ca = X509CertificateLoader.LoadCertificateFromFile(authority.CertificatePath);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;

        var built = chain.Build(leaf);

        Assert.That(built, Is.EqualTo(chains), string.Join("; ", chain.ChainStatus.Select(s => s.Status)));
        if (!chains)
        {
            Assert.That(chain.ChainStatus.Select(s => s.Status), Has.Some.EqualTo(X509ChainStatusFlags.HasNotPermittedNameConstraint));
        }
    }

    [Test]
    public void LoadOrCreate_CaWithoutNameConstraints_ReplacedByAConstrainedOne()
    {
        using var folder = new TempFolder();
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            var request = new CertificateRequest("CN=FakeServerless Local CA", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
            using var old = request.CreateSelfSigned(DateTimeOffset.Now.AddDays(-1), DateTimeOffset.Now.AddYears(1));
            File.WriteAllText(Path.Combine(folder.Path, "ca-key.pem"), key.ExportPkcs8PrivateKeyPem());
            File.SetUnixFileMode(Path.Combine(folder.Path, "ca-key.pem"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.WriteAllText(Path.Combine(folder.Path, "ca.pem"), old.ExportCertificatePem());
        }

        using var authority = CertificateAuthority.LoadOrCreate(folder.Path);

        Assert.That(authority.Certificate.Extensions["2.5.29.30"], Is.Not.Null);
        using var written = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(folder.Path, "ca.pem"));
        Assert.That(written.Thumbprint, Is.EqualTo(authority.Certificate.Thumbprint));
    }

    private static bool IsRoot => UnixFileStatus.CurrentUser == 0;

    private static void Start(string caDirectory)
    {
        using var fake = FakeServerlessServer.Start(o => o.UseProxy(0, caDirectory));
    }

    private static void Chown(string owner, string path)
    {
        using var chown = Process.Start("chown", ["-h", owner, path]);
        chown.WaitForExit();
        Assert.That(chown.ExitCode, Is.Zero, $"chown {owner} {path}");
    }

    /// <summary>The dNSName values permitted and the iPAddress values (hex) excluded by a name constraints extension.</summary>
    private static (List<string> Permitted, List<string> Excluded) Decode(byte[] der)
    {
        var permitted = new List<string>();
        var excluded = new List<string>();
        var outer = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        var permittedTrees = outer.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true));
        while (permittedTrees.HasData)
        {
            permitted.Add(permittedTrees.ReadSequence().ReadCharacterString(UniversalTagNumber.IA5String, new Asn1Tag(TagClass.ContextSpecific, 2)));
        }

        var excludedTrees = outer.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 1, true));
        while (excludedTrees.HasData)
        {
            excluded.Add(Convert.ToHexString(excludedTrees.ReadSequence().ReadOctetString(new Asn1Tag(TagClass.ContextSpecific, 7))));
        }

        return (permitted, excluded);
    }

    /// <summary>A fresh owner-only folder under the temp folder, deleted after.</summary>
    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("fakeserverless-cafolder-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}

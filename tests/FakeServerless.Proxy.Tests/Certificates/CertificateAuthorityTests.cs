using System.Security.Cryptography.X509Certificates;
using FakeServerless.Proxy.Certificates;

namespace FakeServerless.Proxy.Tests.Certificates;

[Parallelizable(ParallelScope.All)]
public sealed class CertificateAuthorityTests
{
    [Test]
    public void Start_TwiceWithOneFolder_ReusesTheSameCa()
    {
        string first;
        using (var proxy = new ProxyFake())
        {
            first = proxy.LoadCa().Thumbprint;
            using var again = new ProxyFake(caDirectory: proxy.CaDirectory);

            Assert.That(again.LoadCa().Thumbprint, Is.EqualTo(first));
            Assert.That(again.Fake.CertificateAuthorityPath, Is.EqualTo(Path.Combine(proxy.CaDirectory, "ca.pem")));
        }
    }

    [Test]
    public void Start_ParallelInOneNewFolder_AllShareOneCa()
    {
        var directory = Path.Combine(Directory.CreateTempSubdirectory("fakeserverless-ca-").FullName, "shared");
        try
        {
            var thumbprints = Enumerable.Range(0, 4).AsParallel().Select(_ =>
            {
                using var authority = CertificateAuthority.LoadOrCreate(directory);
                return authority.Certificate.Thumbprint;
            }).ToList();

            Assert.That(thumbprints.Distinct().Count(), Is.EqualTo(1));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(directory)!, recursive: true);
        }
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Start_NewCa_KeyFileIsOwnerOnly()
    {
        using var proxy = new ProxyFake();

        var mode = File.GetUnixFileMode(Path.Combine(proxy.CaDirectory, "ca-key.pem"));
        Assert.That(mode, Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public void Ca_Extensions_AreThoseStrictVerifiersDemand()
    {
        using var proxy = new ProxyFake();
        using var ca = proxy.LoadCa();

        var constraints = ca.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        var usage = ca.Extensions.OfType<X509KeyUsageExtension>().Single();
        Assert.That((constraints.CertificateAuthority, constraints.Critical), Is.EqualTo((true, true)));
        Assert.That(usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign) && usage.Critical, Is.True);
        Assert.That(ca.Extensions.OfType<X509SubjectKeyIdentifierExtension>(), Has.Exactly(1).Items);
        Assert.That(ca.HasPrivateKey, Is.False, "ca.pem holds the certificate only");
    }

    [Test]
    public void MintLeaf_Host_HasTheHostAsSanAndChainsToTheCa()
    {
        var directory = Directory.CreateTempSubdirectory("fakeserverless-ca-").FullName;
        try
        {
            using var authority = CertificateAuthority.LoadOrCreate(directory);
            using var leaf = authority.MintLeaf("serverless.twilio.com");
            using var ca = X509CertificateLoader.LoadCertificateFromFile(authority.CertificatePath);

            Assert.That(leaf.MatchesHostname("serverless.twilio.com"), Is.True);
            Assert.That(leaf.MatchesHostname("serverless-upload.twilio.com"), Is.False);
            var san = leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
            Assert.That(san.EnumerateDnsNames(), Is.EqualTo(new[] { "serverless.twilio.com" }));
            var aki = leaf.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().Single();
            var ski = ca.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single();
            Assert.That(Convert.ToHexString(aki.KeyIdentifier!.Value.Span), Is.EqualTo(ski.SubjectKeyIdentifier));
            Assert.That(leaf.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority, Is.False);

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.1"));
            Assert.That(chain.Build(leaf), Is.True, string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public async Task Handshake_ToAnEnvironmentDomain_PresentsALeafForThatHost()
    {
        using var proxy = new ProxyFake();
        var seen = new List<X509Certificate2>();
        using var client = proxy.CreateClient(seen.Add);

        using var response = await client.GetAsync("https://nothing-1234-dev.twil.io/missing");

        Assert.That((int)response.StatusCode, Is.EqualTo(404));
        Assert.That(seen.Single().MatchesHostname("nothing-1234-dev.twil.io"), Is.True);
        Assert.That(seen.Single().Issuer, Is.EqualTo(proxy.LoadCa().Subject));
    }
}

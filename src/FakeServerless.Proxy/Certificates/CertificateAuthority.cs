using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FakeServerless.Proxy.Certificates;

/// <summary>
/// The proxy's local certificate authority: an ECDSA P-256 key and a self-signed CA certificate, written once to a folder as
/// <c>ca.pem</c> and <c>ca-key.pem</c> (owner-only) and loaded from there on later starts, so clients trust it once. It mints
/// leaf certificates for the hosts the proxy intercepts. Extensions follow mitmproxy and OpenSSL's strict checks: a critical CA
/// basicConstraints and keyUsage and a SKI on the CA; a SAN, serverAuth EKU and an AKI matching the CA's SKI on each leaf. The CA
/// is name-constrained to <c>twilio.com</c> and <c>twil.io</c> (and no IP address), as users are told to trust it system-wide.
/// The folder is checked before anything in it is read or written (<see cref="CertificateAuthorityFolder"/>).
/// </summary>
/// <remarks>Certificate dates use the real clock (never the fake's virtual one): clients check them against theirs.</remarks>
internal sealed class CertificateAuthority : IDisposable
{
    public const string CertificateFileName = "ca.pem";
    public const string KeyFileName = "ca-key.pem";
    private const string LockFileName = "ca.lock";
    private const string SubjectName = "CN=FakeServerless Local CA, O=FakeServerless (for tests only)";

    /// <summary>The only names the CA may vouch for (X.509 name constraints): a leaked key cannot impersonate any other site.</summary>
    private static readonly string[] PermittedDomains = ["twilio.com", "twil.io"];

    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    private CertificateAuthority(X509Certificate2 certificate, string certificatePath)
    {
        Certificate = certificate;
        CertificatePath = certificatePath;
    }

    /// <summary>The CA certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The full path of <c>ca.pem</c>.</summary>
    public string CertificatePath { get; }

    /// <summary><c>FakeServerless/ca</c> under the user's local application data folder, or under the temp folder.</summary>
    public static string DefaultDirectory()
    {
        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return string.IsNullOrEmpty(root)
            ? Path.Combine(Path.GetTempPath(), $"fakeserverless-{Environment.UserName}", "ca")
            : Path.Combine(root, "FakeServerless", "ca");
    }

    /// <summary>
    /// Loads the CA in <paramref name="directory"/>, or creates it there. A lock file keeps parallel fakes (threads or processes)
    /// sharing a folder from writing two different CAs.
    /// </summary>
    public static CertificateAuthority LoadOrCreate(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        directory = Path.GetFullPath(directory);
        CertificateAuthorityFolder.Prepare(directory);
        var certificatePath = Path.Combine(directory, CertificateFileName);
        var keyPath = Path.Combine(directory, KeyFileName);
        var lockPath = Path.Combine(directory, LockFileName);
        CertificateAuthorityFolder.CheckFile(lockPath);
        using var exclusive = AcquireLock(lockPath);
        CertificateAuthorityFolder.CheckFile(certificatePath);
        CertificateAuthorityFolder.CheckFile(keyPath);
        var now = TimeProvider.System.GetUtcNow();
        if (File.Exists(certificatePath))
        {
            if (!File.Exists(keyPath))
            {
                throw new CertificateAuthorityException(certificatePath, $"{certificatePath} exists without {KeyFileName}: delete it, or choose another CA folder.");
            }

            var loaded = Load(certificatePath, keyPath);
            if (loaded.NotAfter.ToUniversalTime() > now.UtcDateTime.AddDays(1) && IsNameConstrained(loaded))
            {
                return new CertificateAuthority(loaded, certificatePath);
            }

            loaded.Dispose(); // expired (or about to), or made before CAs were name-constrained: make a new one in its place
        }

        return new CertificateAuthority(Create(certificatePath, keyPath, now), certificatePath);
    }

    /// <summary>A leaf certificate (with its private key) for <paramref name="host"/>, signed by this CA.</summary>
    public X509Certificate2 MintLeaf(string host)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        var hasCommonName = host.Length < 64; // a CN is limited to 64 characters; the SAN is what clients check
        if (hasCommonName)
        {
            subject.AddCommonName(host);
        }

        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(host);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(san.Build(critical: !hasCommonName));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));

        var now = TimeProvider.System.GetUtcNow();
        var notAfter = now.AddDays(199) < Certificate.NotAfter ? now.AddDays(199) : new DateTimeOffset(Certificate.NotAfter.ToUniversalTime());
        using var signed = request.Create(Certificate, now.AddDays(-2), notAfter, NewSerialNumber());
        var leaf = signed.CopyWithPrivateKey(key);
        if (!OperatingSystem.IsWindows())
        {
            return leaf;
        }

        // SChannel cannot use an ephemeral key for a server: round-trip through PKCS#12 to persist it.
        using (leaf)
        {
            return X509CertificateLoader.LoadPkcs12(leaf.Export(X509ContentType.Pkcs12), null);
        }
    }

    public void Dispose() => Certificate.Dispose();

    private static X509Certificate2 Create(string certificatePath, string keyPath, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(SubjectName, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(NameConstraints.Create(PermittedDomains));
        using var created = request.CreateSelfSigned(now.AddDays(-2), now.AddYears(10));

        // The key first, owner-only from the moment it exists; the certificate last, so a ca.pem always has its key. Each is written
        // to a new file and renamed into place: a rename replaces a link (or anything) at the name instead of writing through it.
        WriteNew(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        WriteNew(certificatePath, created.ExportCertificatePem() + "\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return Load(certificatePath, keyPath);
    }

    private static bool IsNameConstrained(X509Certificate2 certificate) => certificate.Extensions[NameConstraints.Oid] is not null;

    private static X509Certificate2 Load(string certificatePath, string keyPath)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite); // checked above: ours, a regular file
        }

        try
        {
            return X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        }
        catch (CryptographicException ex)
        {
            throw new CertificateAuthorityException(certificatePath, $"Cannot load the proxy CA from {certificatePath} and {keyPath}: {ex.Message} Delete both files to make a new CA.", ex);
        }
    }

    /// <summary>Writes <paramref name="text"/> to a fresh owner-only file beside <paramref name="path"/>, then renames it to <paramref name="path"/>.</summary>
    private static void WriteNew(string path, string text, UnixFileMode mode)
    {
        var temporary = $"{path}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.new";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write }; // O_EXCL: never through a link
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        File.Delete(temporary);
        using (var writer = new StreamWriter(temporary, System.Text.Encoding.ASCII, options))
        {
            writer.Write(text);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static FileStream AcquireLock(string path)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < LockTimeout)
            {
                Thread.Sleep(20);
            }
        }
    }

    private static byte[] NewSerialNumber()
    {
        // Serials only need to be unique per CA; they are not part of the fake's reproducible state.
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        serial[0] |= 0x01;
        return serial;
    }
}

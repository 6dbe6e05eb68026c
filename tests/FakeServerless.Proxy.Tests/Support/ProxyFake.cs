using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace FakeServerless.Proxy.Tests.Support;

/// <summary>A fake with its proxy on a free port and its CA in a fresh temporary folder, and clients that trust only that CA.</summary>
internal sealed class ProxyFake : IDisposable
{
    public ProxyFake(Action<FakeServerlessOptions>? configure = null, string? caDirectory = null)
    {
        CaDirectory = caDirectory ?? Directory.CreateTempSubdirectory("fakeserverless-ca-").FullName;
        OwnsDirectory = caDirectory is null;
        Fake = FakeServerlessServer.Start(o =>
        {
            o.UseProxy(0, CaDirectory);
            configure?.Invoke(o);
        });
    }

    public FakeServerlessServer Fake { get; }

    public string CaDirectory { get; }

    private bool OwnsDirectory { get; }

    /// <summary>The CA certificate as a client loads it from <c>ca.pem</c>.</summary>
    public X509Certificate2 LoadCa() => X509CertificateLoader.LoadCertificateFromFile(Fake.CertificateAuthorityPath!);

    /// <summary>
    /// A handler that sends everything through the proxy and trusts only the fake's CA (host names still checked).
    /// <paramref name="seen"/> receives the server certificate of each handshake.
    /// </summary>
    public SocketsHttpHandler CreateHandler(Action<X509Certificate2>? seen = null)
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(LoadCa());
        var handler = new SocketsHttpHandler
        {
            Proxy = new WebProxy(Fake.ProxyUrl),
            UseProxy = true,
            AllowAutoRedirect = false,
            UseCookies = false,
            SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy },
        };
        if (seen is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                seen(X509CertificateLoader.LoadCertificate(certificate!.GetRawCertData()));
                return errors == SslPolicyErrors.None;
            };
        }

        return handler;
    }

    public HttpClient CreateClient(Action<X509Certificate2>? seen = null) => new(CreateHandler(seen), disposeHandler: true);

    public void Dispose()
    {
        Fake.Dispose();
        if (OwnsDirectory)
        {
            Directory.Delete(CaDirectory, recursive: true);
        }
    }
}

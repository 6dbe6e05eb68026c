using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace FakeServerless.Reliability.Support;

/// <summary>Clients of a fake's intercepting proxy: HTTPS through a CONNECT tunnel (trusting only the fake's CA) or plain-HTTP proxy requests.</summary>
internal static class Proxied
{
    /// <summary>A fake on a real port with its proxy on, its CA in a fresh temporary folder (deleted on <see cref="Cleanup"/>).</summary>
    public static FakeServerlessServer Start(Action<FakeServerlessOptions>? configure = null)
    {
        var ca = Directory.CreateTempSubdirectory("fakeserverless-ca-").FullName;
        return FakeServerlessServer.Start(o =>
        {
            o.UseProxy(certificateAuthorityDirectory: ca);
            configure?.Invoke(o);
        });
    }

    /// <summary>Deletes the CA folder of a fake made by <see cref="Start"/>.</summary>
    public static void Cleanup(FakeServerlessServer fake)
    {
        if (Path.GetDirectoryName(fake.CertificateAuthorityPath) is { } folder && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// A client whose every request goes through the proxy: https:// URLs through a TLS tunnel (<c>CONNECT</c>) checked against the
    /// fake's CA only, http:// URLs as plain proxy requests.
    /// </summary>
    public static HttpClient Client(FakeServerlessServer fake, bool plain = false)
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(X509CertificateLoader.LoadCertificateFromFile(fake.CertificateAuthorityPath!));
        var handler = new SocketsHttpHandler
        {
            Proxy = new WebProxy(fake.ProxyUrl!) { BypassProxyOnLocal = false },
            UseProxy = true,
            AllowAutoRedirect = false,
            UseCookies = false,
            SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy },
        };
        return new HttpClient(plain ? new PlainHttp(handler) : handler, disposeHandler: true) { Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>Sends https:// requests as http:// (so the proxy gets them as plain proxy requests), everything else kept.</summary>
    private sealed class PlainHttp(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is { Scheme: "https" } uri)
            {
                request.RequestUri = new UriBuilder(uri) { Scheme = Uri.UriSchemeHttp, Port = 80 }.Uri;
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}

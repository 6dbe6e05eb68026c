using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace FakeServerless.Proxy.Certificates;

/// <summary>
/// One TLS server identity per intercepted host, minted by the CA on the first CONNECT and reused after, so only the first
/// connection to a host pays for a key pair and a signature. Bounded: past <see cref="Capacity"/> hosts it starts afresh.
/// </summary>
internal sealed class LeafCertificateCache(CertificateAuthority authority) : IDisposable
{
    public const int Capacity = 1000;

    private readonly ConcurrentDictionary<string, Lazy<Leaf>> _leaves = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The certificate context to present for <paramref name="host"/>.</summary>
    public SslStreamCertificateContext For(string host)
    {
        if (_leaves.Count >= Capacity && !_leaves.ContainsKey(host))
        {
            _leaves.Clear(); // the evicted certificates may still be in use by open connections: they are left to the GC
        }

        return _leaves.GetOrAdd(host, h => new Lazy<Leaf>(() => Mint(h))).Value.Context;
    }

    public void Dispose()
    {
        foreach (var leaf in _leaves.Values.Where(l => l.IsValueCreated))
        {
            leaf.Value.Certificate.Dispose();
        }

        _leaves.Clear();
    }

    private Leaf Mint(string host)
    {
        var certificate = authority.MintLeaf(host);
        var issuer = X509CertificateLoader.LoadCertificate(authority.Certificate.RawData); // the public CA, sent as the chain
        return new Leaf(certificate, SslStreamCertificateContext.Create(certificate, [issuer], offline: true));
    }

    private sealed record Leaf(X509Certificate2 Certificate, SslStreamCertificateContext Context);
}

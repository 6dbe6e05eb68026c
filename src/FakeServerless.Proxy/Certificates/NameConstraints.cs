using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace FakeServerless.Proxy.Certificates;

/// <summary>
/// The X.509 name constraints extension (RFC 5280, 4.2.1.10) of the proxy's CA: DNS names permitted only in the given domains and
/// their subdomains, and every IPv4 and IPv6 address excluded, so the CA can vouch for nothing else even if its key leaks.
/// Critical, as the CA/Browser Forum asks.
/// </summary>
internal static class NameConstraints
{
    public const string Oid = "2.5.29.30";

    private static readonly Asn1Tag Permitted = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag Excluded = new(TagClass.ContextSpecific, 1, isConstructed: true);
    private static readonly Asn1Tag DnsName = new(TagClass.ContextSpecific, 2);
    private static readonly Asn1Tag IpAddress = new(TagClass.ContextSpecific, 7);

    public static X509Extension Create(IEnumerable<string> domains)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence(Permitted))
            {
                foreach (var domain in domains)
                {
                    using (writer.PushSequence())
                    {
                        writer.WriteCharacterString(UniversalTagNumber.IA5String, domain, DnsName);
                    }
                }
            }

            using (writer.PushSequence(Excluded))
            {
                // Address and mask of zeros: all of IPv4 (0.0.0.0/0), then all of IPv6 (::/0).
                foreach (var length in new[] { 8, 32 })
                {
                    using (writer.PushSequence())
                    {
                        writer.WriteOctetString(new byte[length], IpAddress);
                    }
                }
            }
        }

        return new X509Extension(Oid, writer.Encode(), critical: true);
    }
}

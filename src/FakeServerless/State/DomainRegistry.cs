using System.Collections.Concurrent;

namespace FakeServerless.State;

/// <summary>
/// Every environment domain across accounts (domains are global on twil.io), and the domain bases in use. An entry is never
/// overwritten: a domain belongs to its environment until that environment (or its service) is deleted.
/// </summary>
internal sealed class DomainRegistry
{
    private readonly ConcurrentDictionary<string, DomainEntry> _domains = new(StringComparer.OrdinalIgnoreCase);

    private readonly ConcurrentDictionary<string, byte> _bases = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<KeyValuePair<string, DomainEntry>> Domains => _domains;

    public IEnumerable<string> Bases => _bases.Keys;

    public bool TryReserveBase(string domainBase) => _bases.TryAdd(domainBase, 0);

    public void ReleaseBase(string domainBase) => _bases.TryRemove(domainBase, out _);

    public bool IsTaken(string domainName) => _domains.ContainsKey(domainName);

    /// <summary>Claims <paramref name="domainName"/> for an environment; false (and no change) when another holds it.</summary>
    public bool TryRegister(string domainName, DomainEntry entry) => _domains.TryAdd(domainName, entry);

    /// <summary>Frees <paramref name="domainName"/> only if <paramref name="entry"/> holds it.</summary>
    public void Unregister(string domainName, DomainEntry entry) => _domains.TryRemove(new KeyValuePair<string, DomainEntry>(domainName, entry));

    /// <summary>The owner of <paramref name="host"/> (a trailing dot, as in <c>a.twil.io.</c>, names the same domain).</summary>
    public bool TryFind(string host, out DomainEntry entry) => _domains.TryGetValue(host.TrimEnd('.'), out entry!);
}

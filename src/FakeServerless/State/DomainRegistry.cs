using System.Collections.Concurrent;

namespace FakeServerless.State;

/// <summary>Every environment domain across accounts (domains are global on twil.io), and the domain bases in use.</summary>
internal sealed class DomainRegistry
{
    private readonly ConcurrentDictionary<string, (AccountState Account, string ServiceSid, string EnvironmentSid)> _domains =
        new(StringComparer.OrdinalIgnoreCase);

    private readonly ConcurrentDictionary<string, byte> _bases = new(StringComparer.OrdinalIgnoreCase);

    public bool TryReserveBase(string domainBase) => _bases.TryAdd(domainBase, 0);

    public void ReleaseBase(string domainBase) => _bases.TryRemove(domainBase, out _);

    public void Register(string domainName, AccountState account, string serviceSid, string environmentSid) =>
        _domains[domainName] = (account, serviceSid, environmentSid);

    public void Unregister(string domainName) => _domains.TryRemove(domainName, out _);

    public bool TryFind(string host, out (AccountState Account, string ServiceSid, string EnvironmentSid) entry) =>
        _domains.TryGetValue(host, out entry);

    public void Clear()
    {
        _domains.Clear();
        _bases.Clear();
    }
}

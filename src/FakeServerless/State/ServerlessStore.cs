using System.Collections.Concurrent;

namespace FakeServerless.State;

/// <summary>All accounts' state. Each Account SID gets its own isolated <see cref="AccountState"/>.</summary>
internal sealed class ServerlessStore(FakeServerlessOptions options)
{
    private readonly ConcurrentDictionary<string, AccountState> _accounts = new(StringComparer.Ordinal);

    public StoreContext Context { get; } = new(options);

    public AccountState Account(string accountSid) => _accounts.GetOrAdd(accountSid, sid => new AccountState(sid, Context));

    public IEnumerable<AccountState> Accounts => _accounts.Values;

    public void Reset()
    {
        _accounts.Clear();
        Context.Reset();
    }
}

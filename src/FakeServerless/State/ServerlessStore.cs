using System.Collections.Concurrent;

namespace FakeServerless.State;

/// <summary>All accounts' state. Each Account SID gets its own isolated <see cref="AccountState"/>.</summary>
internal sealed class ServerlessStore(FakeServerlessOptions options)
{
    private readonly ConcurrentDictionary<string, AccountState> _accounts = new(StringComparer.Ordinal);

    public StoreContext Context { get; } = new(options);

    public AccountState Account(string accountSid) => _accounts.GetOrAdd(accountSid, sid => new AccountState(sid, Context));

    /// <summary>Drops one account's state: its services go, their domains stop answering and their domain bases are freed.</summary>
    public void Forget(string accountSid)
    {
        if (!_accounts.TryRemove(accountSid, out var account))
        {
            return;
        }

        Context.Mutated();
        lock (account.Gate)
        {
            foreach (var serviceSid in account.Services.Items.Select(s => s.Record.Sid).ToList())
            {
                account.DeleteService(serviceSid);
            }
        }
    }

    public void Reset()
    {
        _accounts.Clear();
        Context.Reset();
    }
}

using System.Collections.Concurrent;

namespace FakeServerless.Scopes;

/// <summary>
/// The Account SIDs held by the live scopes of one server, so two live scopes never share an account. A name maps to the same
/// SID every run; a name already live gets <c>name#2</c>, <c>name#3</c>… An unnamed scope is named <c>scope-{n}</c> in creation order.
/// </summary>
internal sealed class ScopeRegistry
{
    private readonly ConcurrentDictionary<string, string> _live = new(StringComparer.Ordinal);
    private int _unnamed;

    public (string Name, string AccountSid) Claim(string? name, FakeServerlessOptions options)
    {
        if (options.RequireExactCredentials)
        {
            // Only the configured account authenticates, so scopes take turns on it.
            name ??= options.AccountSid;
            return _live.TryAdd(options.AccountSid, name)
                ? (name, options.AccountSid)
                : throw new InvalidOperationException(
                    $"With RequireExactCredentials only one scope can be live at a time (account {options.AccountSid} is held by '{_live[options.AccountSid]}'). " +
                    "Dispose it first, or allow any account so each scope gets its own.");
        }

        name ??= $"scope-{Interlocked.Increment(ref _unnamed)}";
        for (var attempt = 1; ; attempt++)
        {
            var candidate = attempt == 1 ? name : $"{name}#{attempt}";
            var sid = FakeServerlessScope.AccountSidFor(candidate);
            if (sid != options.AccountSid && _live.TryAdd(sid, candidate))
            {
                return (candidate, sid);
            }
        }
    }

    public void Release(string accountSid) => _live.TryRemove(accountSid, out _);
}

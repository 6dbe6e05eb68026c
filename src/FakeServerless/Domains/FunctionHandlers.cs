using System.Collections.Concurrent;
using FakeServerless.State;

namespace FakeServerless.Domains;

/// <summary>
/// The C# handlers and canned answers registered for function paths, each with its <see cref="FunctionScope"/>. A request takes
/// the most specific one for its path: its domain's, its environment's, its account's, then an unscoped one; so suites that
/// share one fake, one account each, never answer each other's domains.
/// </summary>
internal sealed class FunctionHandlers
{
    private readonly ConcurrentDictionary<(FunctionScope Scope, string Path), FunctionHandler> _handlers = new();

    public void Map(FunctionScope scope, string path, FunctionHandler handler) => _handlers[(scope, Rooted(path))] = handler;

    /// <summary>How many handlers there are, over every scope and path.</summary>
    public int Count => _handlers.Count;

    /// <summary>Whether <paramref name="path"/> has a handler for exactly <paramref name="scope"/>.</summary>
    public bool Contains(FunctionScope scope, string path) => _handlers.ContainsKey((scope, Rooted(path)));

    /// <summary>The handler for <paramref name="path"/> on <paramref name="domain"/> (owned by <paramref name="entry"/>), or null.</summary>
    public FunctionHandler? Find(DomainEntry entry, string domain, string path)
    {
        if (_handlers.IsEmpty)
        {
            return null;
        }

        return _handlers.TryGetValue((new FunctionScope(FunctionScopeKind.Domain, domain), path), out var handler)
            || _handlers.TryGetValue((new FunctionScope(FunctionScopeKind.Environment, entry.EnvironmentSid), path), out handler)
            || _handlers.TryGetValue((new FunctionScope(FunctionScopeKind.Account, entry.AccountSid), path), out handler)
            || _handlers.TryGetValue((FunctionScope.Everyone, path), out handler)
            ? handler
            : null;
    }

    public void Clear() => _handlers.Clear();

    /// <summary>
    /// Forgets what belongs to <paramref name="accountSid"/>: handlers scoped to it, and to its environments and domains as
    /// <paramref name="ownerOf"/> tells them now (call it before the account's state goes). Unscoped handlers stay.
    /// </summary>
    public void Forget(string accountSid, Func<FunctionScope, string?> ownerOf)
    {
        foreach (var key in _handlers.Keys)
        {
            var scope = key.Scope;
            var owned = scope.Kind switch
            {
                FunctionScopeKind.Account => scope.Key == accountSid,
                FunctionScopeKind.Everyone => false,
                _ => ownerOf(scope) == accountSid,
            };
            if (owned)
            {
                _handlers.TryRemove(key, out _);
            }
        }
    }

    private static string Rooted(string path) => path.StartsWith('/') ? path : "/" + path;
}

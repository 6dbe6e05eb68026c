using FakeServerless.State;

namespace FakeServerless.Domains;

/// <summary>
/// Who a function handler answers for: one domain, one environment, one account, or (<see cref="Everyone"/>) every domain.
/// A request is answered by the most specific handler registered for its path: domain, then environment, then account, then
/// unscoped.
/// </summary>
/// <param name="Kind">How specific it is.</param>
/// <param name="Key">The domain name (lower case), Environment SID or Account SID; empty for <see cref="Everyone"/>.</param>
internal readonly record struct FunctionScope(FunctionScopeKind Kind, string Key)
{
    public static readonly FunctionScope Everyone = new(FunctionScopeKind.Everyone, string.Empty);

    public const string Expected = "an Account SID (AC…), an Environment SID (ZE…) or an environment's domain name (….twil.io)";

    /// <summary>The scope <paramref name="value"/> names; null or empty is <see cref="Everyone"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is none of those.</exception>
    public static FunctionScope Parse(string? value, string parameterName = "scope")
    {
        if (string.IsNullOrEmpty(value))
        {
            return Everyone;
        }

        if (SidPrefix.IsSid(value, SidPrefix.Account))
        {
            return new FunctionScope(FunctionScopeKind.Account, value);
        }

        if (SidPrefix.IsSid(value, SidPrefix.Environment))
        {
            return new FunctionScope(FunctionScopeKind.Environment, value);
        }

        return DomainServer.IsDomainHost(value) && Uri.CheckHostName(value) == UriHostNameType.Dns
            ? new FunctionScope(FunctionScopeKind.Domain, value.ToLowerInvariant())
            : throw new ArgumentException($"{parameterName} must be {Expected}, but it is '{value}'.", parameterName);
    }

    /// <summary>The scope as it was given (for answers): the SID or domain name, or null for <see cref="Everyone"/>.</summary>
    public string? Name => Kind == FunctionScopeKind.Everyone ? null : Key;
}

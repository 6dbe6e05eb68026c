namespace FakeServerless.Domains;

/// <summary>How specific a <see cref="FunctionScope"/> is, most specific first.</summary>
internal enum FunctionScopeKind
{
    Domain,
    Environment,
    Account,
    Everyone,
}

namespace FakeServerless.State;

/// <summary>API keys: part of the state, so reset, export and import carry them like every resource.</summary>
internal sealed partial class ServerlessBackend
{
    /// <summary>Every API key created (or imported), in creation order.</summary>
    public IReadOnlyList<ApiKey> ApiKeys => _state.Keys.All;

    /// <summary>A new key owned by <paramref name="accountSid"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="accountSid"/> is not an Account SID.</exception>
    public ApiKey CreateApiKey(string accountSid) => _state.Keys.Create(accountSid);

    /// <summary>
    /// The account a Basic <c>SK…</c> username with <paramref name="secret"/> acts on, or null (401): a created key needs its exact
    /// secret; any other key with a non-empty secret acts on the default account unless credentials are strict.
    /// </summary>
    public string? ResolveApiKey(string sid, string secret) =>
        _state.Keys.Resolve(sid, secret, _options.RequireExactCredentials, _options.AccountSid);
}

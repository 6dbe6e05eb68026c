namespace FakeServerless.State;

/// <summary>API keys: part of the state, so reset, export and import carry them like every resource.</summary>
internal sealed partial class ServerlessBackend
{
    /// <summary>
    /// The key of every account's request signatures (<c>X-Twilio-Signature</c> on protected functions and assets): the configured
    /// auth token. The fake accepts other tokens for other accounts unless credentials are strict, but it remembers none of them,
    /// so one token signs for every account.
    /// </summary>
    public string SigningToken => Settings.AuthToken;

    /// <summary>Every API key created (or imported), in creation order.</summary>
    public IReadOnlyList<ApiKey> ApiKeys => _state.Keys.All;

    /// <summary>A new key owned by <paramref name="accountSid"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="accountSid"/> is not an Account SID.</exception>
    public ApiKey CreateApiKey(string accountSid) => _state.Keys.Create(accountSid);

    /// <summary>The key <see cref="CreateApiKey"/> would make next, changing nothing (see <see cref="ApiKeyStore.Mint"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="accountSid"/> is not an Account SID.</exception>
    public ApiKey MintApiKey(string accountSid) => _state.Keys.Mint(accountSid);

    /// <summary>Adds a key <see cref="MintApiKey"/> made.</summary>
    /// <exception cref="ArgumentException">The key is malformed or its SID is taken.</exception>
    public ApiKey AddApiKey(ApiKey key)
    {
        _state.Keys.Restore(key);
        return key;
    }

    /// <summary>
    /// The account a Basic <c>SK…</c> username with <paramref name="secret"/> acts on, or null (401): a created key needs its exact
    /// secret; any other key with a non-empty secret acts on the default account unless credentials are strict.
    /// </summary>
    public string? ResolveApiKey(string sid, string secret) =>
        _state.Keys.Resolve(sid, secret, Settings.RequireExactCredentials, Settings.AccountSid);
}

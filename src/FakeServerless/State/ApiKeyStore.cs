using System.Security.Cryptography;
using FakeServerless.State;

namespace FakeServerless.State;

/// <summary>
/// The API keys created on a fake, each owned by one account, and the SIDs of keys that were forgotten (their account reset,
/// forgotten or replaced by an import), which are refused from then on. Part of the state: the backend's
/// <see cref="StoreContext"/> holds it, an export carries the keys and the revoked SIDs, and a reset carries the revoked SIDs over.
/// </summary>
internal sealed class ApiKeyStore
{
    public const string Prefix = "SK";

    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private readonly Lock _gate = new();
    private readonly OrderedDictionary<string, ApiKey> _keys = new(StringComparer.Ordinal); // creation order survives removals
    private readonly HashSet<string> _revoked = new(StringComparer.Ordinal);

    /// <summary>Every key, in creation order.</summary>
    public IReadOnlyList<ApiKey> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _keys.Values];
            }
        }
    }

    /// <summary>The SIDs of forgotten keys, sorted: they answer 401 whatever the credentials mode.</summary>
    public IReadOnlyList<string> Revoked
    {
        get
        {
            lock (_gate)
            {
                return [.. _revoked.Order(StringComparer.Ordinal)];
            }
        }
    }

    public ApiKey Create(string accountSid)
    {
        lock (_gate)
        {
            var key = Mint(accountSid);
            Restore(key);
            return key;
        }
    }

    /// <summary>
    /// A new key for <paramref name="accountSid"/>, not added yet: durable mode logs the minted key itself (its secret included), so
    /// that replay adds that very key (<see cref="Restore"/>) rather than drawing one again.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="accountSid"/> is not an Account SID.</exception>
    public ApiKey Mint(string accountSid)
    {
        if (!SidPrefix.IsSid(accountSid, SidPrefix.Account))
        {
            throw new ArgumentException($"'{accountSid}' is not an Account SID (AC followed by 32 hex digits).", nameof(accountSid));
        }

        Span<byte> bytes = stackalloc byte[16];
        lock (_gate)
        {
            ApiKey key;
            do
            {
                // Not the seeded generator (the engine's rule of no ambient randomness has this one exception): a key is a secret
                // and must never repeat, within a process, across a reset, or across fakes started with the same seed, or a
                // client still holding an old key would act on whichever account got the same key next.
                RandomNumberGenerator.Fill(bytes);
                key = new ApiKey(Prefix + Convert.ToHexStringLower(bytes), RandomNumberGenerator.GetString(SecretAlphabet, 32), accountSid);
            }
            while (_keys.ContainsKey(key.Sid) || _revoked.Contains(key.Sid));

            return key;
        }
    }

    /// <summary>Adds a key as it is (one <see cref="Mint"/> made, live or replayed, or an imported state, validated first).</summary>
    /// <exception cref="ArgumentException">The key is malformed or its SID is taken.</exception>
    public void Restore(ApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!SidPrefix.IsSid(key.Sid, Prefix) || !SidPrefix.IsSid(key.AccountSid, SidPrefix.Account) || string.IsNullOrEmpty(key.Secret))
        {
            throw new ArgumentException($"The state is inconsistent: API key {key.Sid} needs an SK SID, an Account SID and a secret.");
        }

        lock (_gate)
        {
            if (!_keys.TryAdd(key.Sid, key))
            {
                throw new ArgumentException($"The state is inconsistent: API key {key.Sid} appears twice.");
            }

            _revoked.Remove(key.Sid); // a key the imported state holds is live again
        }
    }

    /// <summary>Refuses <paramref name="sids"/> from now on (keys forgotten before this store was made).</summary>
    public void Revoke(IEnumerable<string> sids)
    {
        lock (_gate)
        {
            foreach (var sid in sids)
            {
                if (!_keys.ContainsKey(sid))
                {
                    _revoked.Add(sid);
                }
            }
        }
    }

    /// <summary>Every key SID this store knows, live or revoked: what a store that replaces it must refuse.</summary>
    public IReadOnlyList<string> KnownSids
    {
        get
        {
            lock (_gate)
            {
                return [.. _keys.Keys, .. _revoked];
            }
        }
    }

    /// <summary>
    /// The account a Basic <paramref name="sid"/>:<paramref name="secret"/> acts on, or null (401). A key created here needs its
    /// exact secret; a revoked key is refused. Any other well-formed key with a non-empty secret acts on
    /// <paramref name="defaultAccountSid"/> unless <paramref name="requireExact"/>.
    /// </summary>
    public string? Resolve(string sid, string secret, bool requireExact, string defaultAccountSid)
    {
        if (!SidPrefix.IsSid(sid, Prefix))
        {
            return null;
        }

        lock (_gate)
        {
            if (_keys.TryGetValue(sid, out var key))
            {
                return string.Equals(key.Secret, secret, StringComparison.Ordinal) ? key.AccountSid : null;
            }

            if (_revoked.Contains(sid))
            {
                return null;
            }
        }

        return requireExact || secret.Length == 0 ? null : defaultAccountSid;
    }

    /// <summary>Forgets (and revokes) the keys owned by <paramref name="accountSid"/> (the account was forgotten); true when there were some.</summary>
    public bool Forget(string accountSid)
    {
        lock (_gate)
        {
            var owned = _keys.Values.Where(k => k.AccountSid == accountSid).Select(k => k.Sid).ToList();
            foreach (var sid in owned)
            {
                _keys.Remove(sid);
                _revoked.Add(sid);
            }

            return owned.Count > 0;
        }
    }
}

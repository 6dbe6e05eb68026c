using FakeServerless.State;

namespace FakeServerless.Keys;

/// <summary>
/// The API keys created on a fake, each owned by one account. SIDs and secrets come from their own seeded generator, so the same
/// seed gives the same keys and creating keys never shifts the SIDs of resources. Part of the state: the backend's
/// <see cref="StoreContext"/> holds it, so a reset forgets the keys and an export carries them.
/// </summary>
internal sealed class ApiKeyStore
{
    public const string Prefix = "SK";

    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    // Keeps the key sequence apart from the SID sequence drawn from the same seed.
    private const int SeedSalt = 0x5EC2E7;

    private readonly Lock _gate = new();
    private readonly OrderedDictionary<string, ApiKey> _keys = new(StringComparer.Ordinal); // creation order survives removals
    private readonly SidGenerator _random;

    public ApiKeyStore(int seed) => _random = new SidGenerator(seed ^ SeedSalt);

    /// <summary>The key generator's position: restoring it continues the same sequence of SIDs and secrets.</summary>
    public ulong Position
    {
        get => _random.Position;
        set => _random.Position = value;
    }

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

    public ApiKey Create(string accountSid)
    {
        lock (_gate)
        {
            var (key, positionAfter) = Mint(accountSid);
            Add(key, positionAfter);
            return key;
        }
    }

    /// <summary>
    /// The key <see cref="Create"/> would make next, and where the generator stands after it, without changing anything: durable
    /// mode logs the minted key itself (its secret included), so that replay adds that key rather than drawing one again.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="accountSid"/> is not an Account SID.</exception>
    public (ApiKey Key, ulong PositionAfter) Mint(string accountSid)
    {
        if (!SidPrefix.IsSid(accountSid, SidPrefix.Account))
        {
            throw new ArgumentException($"'{accountSid}' is not an Account SID (AC followed by 32 hex digits).", nameof(accountSid));
        }

        Span<char> secret = stackalloc char[32];
        lock (_gate)
        {
            var before = _random.Position;
            try
            {
                ApiKey key;
                do
                {
                    var sid = _random.Next(Prefix);
                    for (var i = 0; i < secret.Length; i++)
                    {
                        secret[i] = SecretAlphabet[_random.NextInt(SecretAlphabet.Length)];
                    }

                    key = new ApiKey(sid, new string(secret), accountSid);
                }
                while (_keys.ContainsKey(key.Sid));

                return (key, _random.Position);
            }
            finally
            {
                _random.Position = before;
            }
        }
    }

    /// <summary>Adds a key <see cref="Mint"/> made (live, or replayed from the log) and moves the generator past it.</summary>
    /// <exception cref="ArgumentException">The key is malformed or its SID is taken.</exception>
    public void Add(ApiKey key, ulong positionAfter)
    {
        lock (_gate)
        {
            Restore(key);
            _random.Position = positionAfter;
        }
    }

    /// <summary>Adds a key as it is (an imported state).</summary>
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
        }
    }

    /// <summary>
    /// The account a Basic <paramref name="sid"/>:<paramref name="secret"/> acts on, or null (401). A key created here needs its
    /// exact secret. Any other well-formed key with a non-empty secret acts on <paramref name="defaultAccountSid"/> unless
    /// <paramref name="requireExact"/>.
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
        }

        return requireExact || secret.Length == 0 ? null : defaultAccountSid;
    }

    /// <summary>Forgets the keys owned by <paramref name="accountSid"/> (the account was forgotten); true when there were some.</summary>
    public bool Forget(string accountSid)
    {
        lock (_gate)
        {
            var owned = _keys.Values.Where(k => k.AccountSid == accountSid).Select(k => k.Sid).ToList();
            foreach (var sid in owned)
            {
                _keys.Remove(sid);
            }

            return owned.Count > 0;
        }
    }
}

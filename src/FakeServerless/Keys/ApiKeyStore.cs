using FakeServerless.State;

namespace FakeServerless.Keys;

/// <summary>
/// The API keys created on a fake, each owned by one account. SIDs and secrets come from their own seeded generator, so the same
/// seed gives the same keys and creating keys never shifts the SIDs of resources.
/// </summary>
internal sealed class ApiKeyStore
{
    public const string Prefix = "SK";

    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    // Keeps the key sequence apart from the SID sequence drawn from the same seed.
    private const int SeedSalt = 0x5EC2E7;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, ApiKey> _keys = new(StringComparer.Ordinal);
    private readonly int _seed;
    private SplitMix64 _random;

    public ApiKeyStore(int seed)
    {
        _seed = seed;
        _random = new SplitMix64(seed ^ SeedSalt);
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
        if (!SidPrefix.IsSid(accountSid, SidPrefix.Account))
        {
            throw new ArgumentException($"'{accountSid}' is not an Account SID (AC followed by 32 hex digits).", nameof(accountSid));
        }

        Span<byte> sidBytes = stackalloc byte[16];
        Span<char> secret = stackalloc char[32];
        lock (_gate)
        {
            ApiKey key;
            do
            {
                _random.NextBytes(sidBytes);
                for (var i = 0; i < secret.Length; i++)
                {
                    secret[i] = SecretAlphabet[_random.Next(SecretAlphabet.Length)];
                }

                key = new ApiKey(Prefix + Convert.ToHexStringLower(sidBytes), new string(secret), accountSid);
            }
            while (_keys.ContainsKey(key.Sid));

            _keys.Add(key.Sid, key);
            return key;
        }
    }

    /// <summary>Adds a key as it is (an imported state); replaces a key with the same SID.</summary>
    public void Add(ApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            _keys[key.Sid] = key;
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

    /// <summary>Forgets every key; the sequence starts again from the seed.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _keys.Clear();
            _random = new SplitMix64(_seed ^ SeedSalt);
        }
    }
}

namespace FakeServerless.State;

/// <summary>Makes SIDs (prefix + 32 lowercase hex) from a per-instance seeded generator: same seed, same calls, same SIDs.</summary>
internal sealed class SidGenerator
{
    private readonly Lock _gate = new();
    private readonly int _seed;
    private SplitMix64 _random;

    public SidGenerator(int seed)
    {
        _seed = seed;
        _random = new SplitMix64(seed);
    }

    public string Next(string prefix)
    {
        Span<byte> bytes = stackalloc byte[16];
        lock (_gate)
        {
            _random.NextBytes(bytes);
        }

        return string.Create(34, (prefix, Hex: Convert.ToHexStringLower(bytes)), static (span, s) =>
        {
            s.prefix.AsSpan().CopyTo(span);
            s.Hex.AsSpan().CopyTo(span[2..]);
        });
    }

    /// <summary>A number in [0, <paramref name="maxExclusive"/>) from the same seeded sequence (domain digits).</summary>
    public int NextInt(int maxExclusive)
    {
        lock (_gate)
        {
            return _random.Next(maxExclusive);
        }
    }

    /// <summary>Where the sequence stands: a generator set to it mints the same SIDs next.</summary>
    public ulong Position
    {
        get
        {
            lock (_gate)
            {
                return _random.State;
            }
        }

        set
        {
            lock (_gate)
            {
                _random.State = value;
            }
        }
    }

    /// <summary>Starts the sequence again from the seed.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _random = new SplitMix64(_seed);
        }
    }
}

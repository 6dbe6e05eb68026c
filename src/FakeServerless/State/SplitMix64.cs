namespace FakeServerless.State;

/// <summary>
/// A tiny seeded generator (SplitMix64). Written out rather than <see cref="Random"/> so the sequence, and with it every SID a
/// seed produces, is fixed by this code and never by the runtime's choice of algorithm.
/// </summary>
internal sealed class SplitMix64(int seed)
{
    private ulong _state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL);

    /// <summary>The generator's whole position: restoring it continues the same sequence.</summary>
    public ulong State
    {
        get => _state;
        set => _state = value;
    }

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public void NextBytes(Span<byte> bytes)
    {
        for (var i = 0; i < bytes.Length; i += 8)
        {
            var value = Next();
            for (var j = 0; j < 8 && i + j < bytes.Length; j++)
            {
                bytes[i + j] = (byte)(value >> (8 * j));
            }
        }
    }

    /// <summary>A number in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive) => (int)(Next() % (ulong)maxExclusive);
}

using System.Net;

namespace EStreamer.Scenarios.Generators;

/// <summary>
/// The seeded random numbers of one generator family (SplitMix64): picks from Bogus-drawn word lists, ports,
/// counters, bytes. Bogus's own randomiser takes one process-wide lock for every value it draws, which made
/// that lock most of the cost of a large history; this stream takes none. The same seed gives the same values,
/// and each family has its own seed, so adding one family to a mix does not shift the values another draws.
/// </summary>
internal sealed class Draws
{
    private ulong _state;

    public Draws(int seed)
    {
        _state = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL;
    }

    /// <summary>The next 64 random bits (SplitMix64).</summary>
    public ulong Next()
    {
        unchecked
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>An integer from <paramref name="min"/> to <paramref name="max"/>, both included.</summary>
    public int Int(int min, int max) => (int)Long(min, max);

    /// <summary>An integer from <paramref name="min"/> to <paramref name="max"/>, both included.</summary>
    public long Long(long min, long max)
    {
        var range = (ulong)(max - min) + 1;
        return range == 0 ? (long)Next() : min + (long)Math.BigMul(Next(), range, out _);
    }

    /// <summary>True with probability <paramref name="chance"/>.</summary>
    public bool Bool(double chance) => (Next() >> 11) * (1.0 / (1UL << 53)) < chance;

    public T Pick<T>(T[] items) => items[Int(0, items.Length - 1)];

    public T Pick<T>(ReadOnlySpan<T> items) => items[Int(0, items.Length - 1)];

    public T Pick<T>(IReadOnlyList<T> items) => items[Int(0, items.Count - 1)];

    /// <summary>One of <paramref name="items"/>, each with its weight (weights need not add up to one).</summary>
    public T Weighted<T>(T[] items, double[] weights)
    {
        var ticket = (Next() >> 11) * (1.0 / (1UL << 53)) * weights.Sum();
        for (var i = 0; i < items.Length - 1; i++)
        {
            if (ticket < weights[i])
            {
                return items[i];
            }

            ticket -= weights[i];
        }

        return items[^1];
    }

    public byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        Fill(bytes);
        return bytes;
    }

    public void Fill(Span<byte> bytes)
    {
        for (var i = 0; i < bytes.Length; i += 8)
        {
            var value = Next();
            for (var j = i; j < Math.Min(i + 8, bytes.Length); j++)
            {
                bytes[j] = (byte)value;
                value >>= 8;
            }
        }
    }

    public Guid Guid()
    {
        Span<byte> bytes = stackalloc byte[16];
        Fill(bytes);
        return new Guid(bytes);
    }

    /// <summary>An IPv4 address of four random octets, the first never zero.</summary>
    public IPAddress IPv4()
    {
        Span<byte> bytes = stackalloc byte[4];
        Fill(bytes);
        bytes[0] = Math.Max(bytes[0], (byte)1);
        return new IPAddress(bytes);
    }
}

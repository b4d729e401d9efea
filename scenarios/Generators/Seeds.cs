namespace EStreamer.Scenarios.Generators;

/// <summary>
/// Derives the seeds of sub-generators from a scenario seed. Explicit arithmetic (FNV-1a over the parts)
/// rather than HashCode.Combine, whose results change from process to process by design.
/// </summary>
internal static class Seeds
{
    public static int Derive(int seed, string purpose, int index) => Sequence(seed, purpose).At(index);

    /// <summary>The seeds <see cref="Derive"/> gives for <paramref name="seed"/> and <paramref name="purpose"/>, by index, with their common part hashed once.</summary>
    public static SeedSequence Sequence(int seed, string purpose)
    {
        unchecked
        {
            var hash = Mix(2166136261u, (uint)seed);
            foreach (var c in purpose)
            {
                hash = Mix(hash, c);
            }

            return new SeedSequence(hash);
        }
    }

    /// <summary>One seed per index for a seed and a purpose: a traffic block derives one per slot.</summary>
    public readonly struct SeedSequence(uint prefix)
    {
        public int At(int index) => unchecked((int)(Mix(prefix, (uint)index) & 0x7FFFFFFF));
    }

    private static uint Mix(uint hash, uint value)
    {
        unchecked
        {
            for (var i = 0; i < 4; i++)
            {
                hash ^= (byte)(value >> (8 * i));
                hash *= 16777619u;
            }

            return hash;
        }
    }
}

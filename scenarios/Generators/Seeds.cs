namespace EStreamer.Scenarios.Generators;

/// <summary>
/// Derives the seeds of sub-generators from a scenario seed. Explicit arithmetic (FNV-1a over the parts)
/// rather than HashCode.Combine, whose results change from process to process by design.
/// </summary>
internal static class Seeds
{
    public static int Derive(int seed, string purpose, int index)
    {
        unchecked
        {
            var hash = 2166136261u;
            hash = Mix(hash, (uint)seed);
            foreach (var c in purpose)
            {
                hash = Mix(hash, c);
            }

            hash = Mix(hash, (uint)index);
            return (int)(hash & 0x7FFFFFFF);
        }
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

using EStreamer.Scenarios.Generators;

namespace EStreamer.Scenarios.Tests.Generators;

/// <summary>Seed derivation: FNV-1a over the seed, the purpose's characters and the index, each as four little-endian bytes.</summary>
public sealed class SeedsTests
{
    // Worked out apart from this code (FNV-1a, 32 bits, offset basis 2166136261, prime 16777619, top bit cleared).
    [TestCase(8302, "microsecond", 0, 828715361)]
    [TestCase(8302, "microsecond", 999999, 1548044303)]
    [TestCase(-5, "country", 0, 1354213205)]
    [TestCase(0, "", 0, 467759461)]
    [TestCase(int.MaxValue, "traffic", 3, 285837727)]
    public void Derive_gives_the_FNV_1a_hash_of_its_parts(int seed, string purpose, int index, int expected)
    {
        Assert.That(Seeds.Derive(seed, purpose, index), Is.EqualTo(expected));
    }

    [Test]
    public void A_sequence_gives_what_derive_gives_for_each_index()
    {
        var sequence = Seeds.Sequence(8302, "microsecond");

        Assert.Multiple(() =>
        {
            Assert.That(sequence.At(0), Is.EqualTo(828715361));
            Assert.That(sequence.At(999999), Is.EqualTo(1548044303));
            Assert.That(Seeds.Sequence(int.MaxValue, "traffic").At(3), Is.EqualTo(285837727));
        });
    }
}

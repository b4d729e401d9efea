using EStreamer.Scenarios.Transforms;

namespace EStreamer.Scenarios.Tests.Transforms;

/// <summary>
/// Where a traffic block's slots fall: slot / rate seconds rounded half to even to the tick in decimal arithmetic,
/// the rule that places every event of a seed. The quick path must agree with that rule to the tick.
/// </summary>
public sealed class TrafficOffsetTests
{
    private static readonly decimal[] Rates =
    [
        1m, 3m, 7m, 100_000m, 0.5m, 123.456m,
        1m / 30m,                  // every: 30s
        1_000_000m / 3600m,        // a million events over the history hour
        20_000_000m,               // two slots per tick: every odd slot lies exactly on a half tick
        30_000_000m,               // thirds of a tick
    ];

    [TestCaseSource(nameof(Rates))]
    public void Every_offset_is_the_decimal_quotient_rounded_half_to_even(decimal rate)
    {
        // The first 200,000 slots, then slots around 2^40 ticks (where the quick path ends) and far beyond it.
        var slotAt = (double ticks) => (long)(ticks / TimeSpan.TicksPerSecond * (double)rate);
        var slots = Enumerable.Range(0, 200_000).Select(i => (long)i)
            .Concat(Enumerable.Range(-1_000, 2_000).Select(i => Math.Max(0, slotAt(1L << 40) + i)))
            .Concat([slotAt(1L << 45), slotAt(1L << 50) + 12_345]);

        foreach (var slot in slots)
        {
            var expected = TimeSpan.FromTicks((long)decimal.Round(slot * (decimal)TimeSpan.TicksPerSecond / rate, MidpointRounding.ToEven));
            if (TrafficStream.OffsetOf(slot, rate) != expected)
            {
                Assert.Fail($"slot {slot} at rate {rate}: {TrafficStream.OffsetOf(slot, rate).Ticks} ticks, decimal arithmetic gives {expected.Ticks}");
            }
        }

        Assert.That(TrafficStream.OffsetOf(1, 20_000_000m), Is.EqualTo(TimeSpan.Zero), "half a tick rounds to the even tick, 0");
        Assert.That(TrafficStream.OffsetOf(3, 20_000_000m), Is.EqualTo(TimeSpan.FromTicks(2)), "one and a half ticks round to 2");
    }
}

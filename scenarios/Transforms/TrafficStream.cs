using EStreamer.Scenarios.Generators;
using EStreamer.Scenarios.Model;

namespace EStreamer.Scenarios.Transforms;

/// <summary>
/// Generates one traffic block lazily. Slot i sits at exactly Start + i / Rate (no jitter, rounded to the
/// 100 ns tick), whatever fills it: a new event with its companions at the same offset, or a duplicate. The
/// records' own microseconds lie a seeded amount after the slot, before the next one (<see cref="EventStamp.Jittered"/>).
/// </summary>
internal static class TrafficStream
{
    // Below this many ticks (about 30 hours) a double quotient is within a thousandth of a tick of the exact one.
    private const double ExactInDouble = 1L << 40;

    /// <summary>
    /// Slot <paramref name="slot"/>'s offset: slot / rate seconds, rounded half to even to the tick in decimal
    /// arithmetic. That rounding defines where every event of a seed falls, so it stays; the decimal division
    /// (a tenth of the time a large history took to generate) runs only when a double quotient, near enough to the
    /// exact one, lies too close to a half tick to say which way the decimal one rounds.
    /// </summary>
    public static TimeSpan OffsetOf(long slot, decimal rate)
    {
        var ticks = slot * (double)TimeSpan.TicksPerSecond / (double)rate;
        if (ticks < ExactInDouble && Math.Abs(ticks - Math.Floor(ticks) - 0.5) > 0.01)
        {
            return TimeSpan.FromTicks((long)Math.Round(ticks));
        }

        return TimeSpan.FromTicks((long)decimal.Round(slot * (decimal)TimeSpan.TicksPerSecond / rate, MidpointRounding.ToEven));
    }

    public static IEnumerable<PlannedEvent> Generate(TrafficBlock block, int seed, DateTimeOffset start, ScenarioWorld world, HostPool hosts, Vocabulary words, EventIdAllocator ids)
    {
        var context = new GeneratorContext(world, hosts, words, ids, block.Packets, block.ExtraData, block.ImpactAlerts);
        var generators = new EventGenerators(context, seed, block.ExceptRecordTypes);
        var mix = new Draws(Seeds.Derive(seed, "mix", 0));
        var duplicates = new DuplicateInjector(block.DuplicateRate, Seeds.Derive(seed, "duplicates", 0));
        var totalWeight = block.Mix.Sum(m => m.Weight);
        var slotMicroseconds = (uint)Math.Clamp(1_000_000m / block.Rate, 1m, 1_000_000m);
        var microseconds = Seeds.Sequence(seed, "microsecond");

        for (long slot = 0; block.Count is not { } count || slot < count; slot++)
        {
            var since = OffsetOf(slot, block.Rate);
            if (block.Duration is { } duration && since >= duration)
            {
                yield break;
            }

            var offset = block.Start + since;
            if (EventStamp.At(start, offset) is not { } stamp)
            {
                // Past 2106 no event second can be written; an endless block ends there.
                yield break;
            }

            if (duplicates.TryPick(out var earlier))
            {
                for (var i = 0; i < earlier.Count; i++)
                {
                    yield return new PlannedEvent(offset, earlier[i].Record, earlier[i].Metadata, null, IsDuplicate: true);
                }

                continue;
            }

            var kind = Pick(block.Mix, mix.Int(0, totalWeight - 1));
            var jittered = stamp.Jittered(microseconds.At((int)slot), slotMicroseconds);
            var group = generators.Generate(kind, new GenerationRequest(jittered, EventFields.None, null, AutoCompanions: true));
            duplicates.Remember(group);
            for (var i = 0; i < group.Count; i++)
            {
                yield return new PlannedEvent(offset, group[i].Record, group[i].Metadata, null, IsDuplicate: false);
            }
        }
    }

    private static EventKind Pick(IReadOnlyList<(EventKind Kind, int Weight)> mix, int ticket)
    {
        for (var i = 0; i < mix.Count; i++)
        {
            if (ticket < mix[i].Weight)
            {
                return mix[i].Kind;
            }

            ticket -= mix[i].Weight;
        }

        return mix[^1].Kind;
    }
}

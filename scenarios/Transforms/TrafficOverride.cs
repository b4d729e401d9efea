using EStreamer.Scenarios.Model;

namespace EStreamer.Scenarios.Transforms;

/// <summary>
/// Rescales a scenario's generated traffic from the outside (a CLI's --rate and --history). History blocks are
/// the finite ones that end by the start: they keep the span they cover and get a new number of events spread
/// evenly over it. Every other block is live: their rates are scaled together to the new total. Zero removes
/// the part; a block keeps its index, so its derived seed (and what it generates) stays the same.
/// </summary>
internal static class TrafficOverride
{
    public static IReadOnlyList<TrafficBlock> Apply(IReadOnlyList<TrafficBlock> blocks, double? eventsPerSecond, int? historyEvents)
    {
        var history = blocks.Where(IsHistory).ToList();
        var live = blocks.Where(b => !IsHistory(b)).ToList();
        var result = new List<TrafficBlock>();
        result.AddRange(historyEvents is { } events ? Spread(history, events) : history);
        result.AddRange(eventsPerSecond is { } rate ? Scale(live, (decimal)rate) : live);
        return result.OrderBy(b => b.Index).ToList();
    }

    /// <summary>A finite block that starts before the plan's start and is over by then: what a server already holds.</summary>
    public static bool IsHistory(TrafficBlock block) => block.Start < TimeSpan.Zero && Span(block) is { } span && block.Start + span <= TimeSpan.Zero;

    /// <summary>Events a finite block generates.</summary>
    public static long? Events(TrafficBlock block) => block.Count ?? (block.Duration is { } duration ? SlotsWithin(duration, block.Rate) : null);

    private static IEnumerable<TrafficBlock> Spread(List<TrafficBlock> history, int events)
    {
        var total = history.Sum(b => Events(b)!.Value);
        long given = 0;
        long before = 0;
        foreach (var block in history)
        {
            // Shares in proportion to what each block held, rounded so that they add up to exactly the total.
            before += Events(block)!.Value;
            var share = (long)(before * (decimal)events / total) - given;
            given += share;
            if (share > 0)
            {
                var seconds = (decimal)Span(block)!.Value.Ticks / TimeSpan.TicksPerSecond;
                yield return block with { Count = share, Duration = null, Rate = share / seconds };
            }
        }
    }

    private static IEnumerable<TrafficBlock> Scale(List<TrafficBlock> live, decimal rate)
    {
        var total = live.Sum(b => b.Rate);
        return rate <= 0 ? [] : live.Select(b => b with { Rate = b.Rate * rate / total });
    }

    /// <summary>The time a finite block covers: one slot per event, the last slot's interval included.</summary>
    private static TimeSpan? Span(TrafficBlock block) =>
        block.Duration ?? (block.Count is { } count ? TrafficStream.OffsetOf(count, block.Rate) : null);

    private static long SlotsWithin(TimeSpan duration, decimal rate)
    {
        // Slot i is generated while its offset is below the duration.
        var slots = (long)Math.Ceiling(duration.Ticks * rate / TimeSpan.TicksPerSecond);
        return TrafficStream.OffsetOf(slots - 1, rate) < duration ? slots : slots - 1;
    }
}

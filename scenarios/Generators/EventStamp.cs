namespace EStreamer.Scenarios.Generators;

/// <summary>An event's time as records carry it: UNIX second and microsecond.</summary>
internal readonly record struct EventStamp(uint Second, uint Microsecond)
{
    /// <summary>The stamp of start + offset; null when that falls outside unsigned 32-bit UNIX seconds.</summary>
    public static EventStamp? At(DateTimeOffset start, TimeSpan offset)
    {
        var ticks = start.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks + offset.Ticks;
        if (ticks < 0 || ticks / TimeSpan.TicksPerSecond > uint.MaxValue)
        {
            return null;
        }

        return new EventStamp((uint)(ticks / TimeSpan.TicksPerSecond), (uint)(ticks % TimeSpan.TicksPerSecond / TimeSpan.TicksPerMicrosecond));
    }

    /// <summary>
    /// The stamp moved later by a seeded amount, less than <paramref name="span"/> microseconds and never into
    /// the next second: events planned on whole seconds still get microseconds of their own, each source keeps
    /// its order, and the same seed gives the same stamps.
    /// </summary>
    public EventStamp Jittered(int seed, uint span)
    {
        var room = Math.Min(span, 1_000_000 - Microsecond);
        return room <= 1 ? this : this with { Microsecond = Microsecond + ((uint)seed % room) };
    }
}

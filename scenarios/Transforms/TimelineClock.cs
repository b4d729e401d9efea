using EStreamer.Scenarios.Model;

namespace EStreamer.Scenarios.Transforms;

/// <summary>
/// Turns step times into offsets. A step is anchored either to the plan's start or to an absolute instant;
/// 'after' inherits the previous step's anchor. Steps on the same anchor can be compared without knowing the
/// start, which lets the loader reject a resend written before its original.
/// </summary>
internal static class TimelineClock
{
    public static IReadOnlyList<(DateTimeOffset? Anchor, TimeSpan Offset)> Resolve(IReadOnlyList<TimelineStep> steps)
    {
        var times = new (DateTimeOffset?, TimeSpan)[steps.Count];
        (DateTimeOffset? Anchor, TimeSpan Offset) previous = (null, TimeSpan.Zero);
        for (var i = 0; i < steps.Count; i++)
        {
            var time = steps[i].Time;
            previous = time.Kind switch
            {
                StepTimeKind.FromStart => (null, time.Offset),
                StepTimeKind.Absolute => (time.Instant, TimeSpan.Zero),
                _ => (previous.Anchor, previous.Offset + time.Offset),
            };
            times[i] = previous;
        }

        return times;
    }

    public static TimeSpan OffsetFrom(DateTimeOffset start, (DateTimeOffset? Anchor, TimeSpan Offset) time) =>
        time.Anchor is { } anchor ? anchor - start + time.Offset : time.Offset;

    /// <summary>Sign of a's time minus b's, or null when they sit on different anchors (then only compiling can tell).</summary>
    public static int? CompareAtLoad(IReadOnlyList<TimelineStep> steps, TimelineStep a, TimelineStep b)
    {
        var times = Resolve(steps);
        var ta = times[a.Index];
        var tb = times[b.Index];
        if (ta.Anchor != tb.Anchor)
        {
            return null;
        }

        return ta.Offset.CompareTo(tb.Offset);
    }
}

namespace EStreamer.Scenarios.Model;

/// <summary>
/// When a timeline step happens: an offset from the plan's start, an offset from the previous step, or an
/// absolute instant (whose offset depends on the start the plan is compiled with).
/// </summary>
internal readonly record struct StepTime(StepTimeKind Kind, TimeSpan Offset, DateTimeOffset Instant)
{
    public static StepTime FromStart(TimeSpan offset) => new(StepTimeKind.FromStart, offset, default);

    public static StepTime AfterPrevious(TimeSpan offset) => new(StepTimeKind.AfterPrevious, offset, default);

    public static StepTime Absolute(DateTimeOffset instant) => new(StepTimeKind.Absolute, TimeSpan.Zero, instant);
}

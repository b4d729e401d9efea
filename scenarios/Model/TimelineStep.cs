namespace EStreamer.Scenarios.Model;

/// <summary>
/// One scripted timeline entry: an event of <see cref="Kind"/> with the fields it gives, or (when
/// <see cref="ResendOf"/> is set) a resend of an earlier step's records.
/// </summary>
internal sealed record TimelineStep(
    int Index,
    SourceLocation Location,
    SourceLocation TimeLocation,
    StepTime Time,
    string? Id,
    EventKind? Kind,
    EventFields Fields,
    string? ResendOf);

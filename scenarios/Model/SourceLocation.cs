namespace EStreamer.Scenarios.Model;

/// <summary>Where a scenario element was written, kept so that checks made after parsing can still point at it.</summary>
internal readonly record struct SourceLocation(string File, int Line, int Column);

namespace EStreamer.Emulator.Conformance;

/// <summary>One observation about the client; <see cref="Code"/> is stable (tests and CI assert on it), the text is for people.</summary>
public sealed record ConformanceFinding(FindingSeverity Severity, string Code, string Text);

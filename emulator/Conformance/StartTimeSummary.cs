namespace EStreamer.Emulator.Conformance;

/// <summary>
/// The start time judged against the peer's previous session that delivered events: its id and the last
/// archive timestamp it was sent (what a client should bookmark, reference 4.2).
/// </summary>
public sealed record StartTimeSummary(uint? InitialTimestamp, uint? PreviousSession, uint? PreviousLastArchiveTimestamp, StartTimeVerdict Verdict);

namespace EStreamer.Emulator.Conformance;

/// <summary>Null keep-alives the server sent while idle, and Nulls the client sent back after them.</summary>
public sealed record KeepaliveSummary(long Sent, long Answered, KeepaliveVerdict Verdict);

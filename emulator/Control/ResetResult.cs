namespace EStreamer.Emulator.Control;

/// <summary>POST /reset: how many sessions the reset closed.</summary>
public sealed record ResetResult(int ClosedSessions);

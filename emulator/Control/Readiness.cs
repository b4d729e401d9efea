namespace EStreamer.Emulator.Control;

/// <summary>Whether clients can be served now; <see cref="Reason"/> says why not.</summary>
public sealed record Readiness(bool Ready, string? Reason, bool ServiceEnabled, bool Listening, string Address, int Port);

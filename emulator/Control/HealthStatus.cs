namespace EStreamer.Emulator.Control;

/// <summary>GET /healthz: the process is up and answering.</summary>
public sealed record HealthStatus(string Status, DateTimeOffset Started);

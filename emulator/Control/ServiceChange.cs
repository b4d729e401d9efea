namespace EStreamer.Emulator.Control;

/// <summary>POST /service body: {"enabled": false} disables the service, {"enabled": true} enables it.</summary>
public sealed record ServiceChange(bool? Enabled);

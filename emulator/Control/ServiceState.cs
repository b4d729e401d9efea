namespace EStreamer.Emulator.Control;

/// <summary>GET and POST /service: the eStreamer service switch and whether its port listens.</summary>
public sealed record ServiceState(bool Enabled, bool Listening, int Port);

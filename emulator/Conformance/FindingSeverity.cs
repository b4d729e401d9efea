namespace EStreamer.Emulator.Conformance;

public enum FindingSeverity
{
    /// <summary>Worth knowing, not a fault: duplicates after a resume, a downgrade the client asked for.</summary>
    Info,

    /// <summary>The client did something a well-behaved eStreamer client does not.</summary>
    Warning,
}

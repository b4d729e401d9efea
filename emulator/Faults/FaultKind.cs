namespace EStreamer.Emulator.Faults;

/// <summary>What a fault does to a session or to the service (docs/scenarios.md, "Faults").</summary>
public enum FaultKind
{
    /// <summary>Close cleanly: TLS close_notify, then FIN (reference 7.3).</summary>
    GracefulDisconnect,

    /// <summary>Abort the connection with a TCP reset, no close_notify.</summary>
    TcpReset,

    /// <summary>Send nothing at all, not even keep-alives, for <see cref="Fault.Duration"/>.</summary>
    Stall,

    /// <summary>Keep streaming data but send no Null keep-alives for <see cref="Fault.Duration"/>.</summary>
    KeepaliveGap,

    /// <summary>Send an Error message (<see cref="Fault.Code"/>, <see cref="Fault.Text"/>), then close (reference 7.2).</summary>
    ErrorMessage,

    /// <summary>Send a Null whose header version is not 1.</summary>
    WrongHeaderVersion,

    /// <summary>Send a record of <see cref="Fault.RecordType"/>, a type the catalogue does not define.</summary>
    UnknownRecordType,

    /// <summary>Send half of a message, then close: the length field promises bytes that never come.</summary>
    TruncatedMessage,

    /// <summary>Write at most <see cref="Fault.BytesPerSecond"/>, for <see cref="Fault.Duration"/> or the rest of the session.</summary>
    SlowDrip,

    /// <summary>Refuse the next <see cref="Fault.Count"/> connections right after accepting them.</summary>
    RefuseConnections,

    /// <summary>Switch the eStreamer service off: close every session without an Error, refuse new ones.</summary>
    DisableService,
}

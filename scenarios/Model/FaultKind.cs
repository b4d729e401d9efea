namespace EStreamer.Scenarios.Model;

/// <summary>What a scenario fault does to a session or to the service. YAML names are kebab-case.</summary>
public enum FaultKind
{
    /// <summary>Close the connection cleanly: TLS close_notify, then FIN (reference 7.3).</summary>
    GracefulDisconnect,

    /// <summary>Abort the connection with a TCP reset, no close_notify.</summary>
    TcpReset,

    /// <summary>Send nothing at all, not even keepalives, for <see cref="FaultSpec.Duration"/>.</summary>
    Stall,

    /// <summary>Keep streaming data but send no null keepalives for <see cref="FaultSpec.Duration"/>.</summary>
    KeepaliveGap,

    /// <summary>Send an Error message (<see cref="FaultSpec.Code"/>, <see cref="FaultSpec.Text"/>) and close (reference 7.2).</summary>
    ErrorMessage,

    /// <summary>Send the next message with a header version other than 1.</summary>
    WrongHeaderVersion,

    /// <summary>Send an Event Data record of <see cref="FaultSpec.RecordType"/>, a type the catalogue does not define.</summary>
    UnknownRecordType,

    /// <summary>Send a message whose length field promises more bytes than follow, then close.</summary>
    TruncatedMessage,

    /// <summary>Write at most <see cref="FaultSpec.BytesPerSecond"/>, for <see cref="FaultSpec.Duration"/> or the rest of the session.</summary>
    SlowDrip,

    /// <summary>Refuse the next <see cref="FaultSpec.Count"/> connections right after accepting them.</summary>
    RefuseConnections,

    /// <summary>Switch the eStreamer service off: close every session without an Error, refuse new ones.</summary>
    DisableService,
}

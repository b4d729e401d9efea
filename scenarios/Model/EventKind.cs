namespace EStreamer.Scenarios.Model;

/// <summary>The event families a timeline step or a traffic block can produce.</summary>
internal enum EventKind
{
    Intrusion,
    ImpactAlert,
    Connection,
    File,
    Malware,
    UserLogin,
    Discovery,
    Correlation,

    /// <summary>Any record type of the broad catalogue (declared layouts, ID–name and UUID–name metadata), by number or name.</summary>
    Record,
}

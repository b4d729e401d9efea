namespace EStreamer.Protocol.Negotiation;

/// <summary>
/// The families of data a client can ask for. Values of the families an extended request names are
/// their event codes (reference 5.5); packet data and extra data have no code and ride on flag bits.
/// </summary>
public enum EventFamily : ushort
{
    Intrusion = 12,
    Metadata = 21,
    Correlation = 31,
    Discovery = 61,
    Connection = 71,
    UserActivity = 91,
    Malware = 101,
    File = 111,
    ImpactAlert = 131,

    /// <summary>Packet data (record 2), request flag bit 0; no event code.</summary>
    PacketData = 0xF000,

    /// <summary>Intrusion extra data (records 110/111), request flag bit 27; no event code.</summary>
    ExtraData = 0xF001,
}

namespace EStreamer.Protocol.Negotiation;

/// <summary>
/// The legacy layouts that flag-only requests name (reference 4.3): each rewrites the stored, newest form of
/// a family's records into the older record types and blocks of that version.
/// </summary>
public enum LegacyForm
{
    /// <summary>The stored form, at most with another block type (reference 5.6).</summary>
    None = 0,

    /// <summary>Intrusion events as fixed records 104 (IPv4) / 105 (IPv6) of the 4.9–4.10.x products.</summary>
    IntrusionVlanRecords,

    /// <summary>Correlation events as record 65 (blocks 52, 70) or 97 (block 84).</summary>
    CorrelationPolicyEvents,

    /// <summary>Discovery records behind the header without the IPv6 slot; record 29 with a 4-byte address.</summary>
    DiscoveryWithoutIPv6,

    /// <summary>User records 92–95 behind the header without the IPv6 slot, with blocks 75 and 73; no VPN records.</summary>
    UserActivityVersion1,
}

using EStreamer.Protocol.Records;

namespace EStreamer.Protocol.Negotiation;

/// <summary>Which family a record type belongs to, for server-side switches and client requests (reference 10).</summary>
public static class RecordFamilies
{
    public static EventFamily FamilyOf(RecordType recordType) => recordType switch
    {
        RecordType.IntrusionEvent or RecordType.IntrusionEventVlan or RecordType.IntrusionEventIPv6Vlan => EventFamily.Intrusion,
        RecordType.PacketData => EventFamily.PacketData,
        RecordType.IntrusionExtraData or RecordType.IntrusionExtraDataMetadata => EventFamily.ExtraData,
        RecordType.IntrusionImpactAlert => EventFamily.ImpactAlert,
        RecordType.ConnectionStatistics or RecordType.ConnectionChunk => EventFamily.Connection,
        RecordType.FileEvent or RecordType.FileMalwareEvent => EventFamily.File,
        RecordType.MalwareEvent => EventFamily.Malware,
        RecordType.UserDropped or RecordType.UserRemoved or RecordType.NewUserIdentity or RecordType.UserLogin
            or RecordType.VpnLogin or RecordType.VpnLogoff => EventFamily.UserActivity,
        RecordType.CorrelationEvent or RecordType.CorrelationEventLegacy or RecordType.CorrelationEventV5 => EventFamily.Correlation,
        _ when IsDiscovery(recordType) => EventFamily.Discovery,
        _ => EventFamily.Metadata,
    };

    /// <summary>Records of the discovery family (reference 10.1): 10–53, 74–89, 101–103, 107, 160. Record 106 (third-party vulnerability) is metadata.</summary>
    public static bool IsDiscoveryRecord(RecordType recordType) => IsDiscovery(recordType);

    private static bool IsDiscovery(RecordType recordType)
    {
        var value = (uint)recordType;
        return value is >= 10 and <= 53 or >= 74 and <= 89 or >= 101 and <= 103 or 107 or 160;
    }
}

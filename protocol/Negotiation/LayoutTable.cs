using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Correlation;
using EStreamer.Protocol.Records.Users;

namespace EStreamer.Protocol.Negotiation;

/// <summary>
/// Which layout the emulator sends for which requested version (reference 5.6). A request for a version
/// that is not implemented falls back to the highest implemented lower one (step 3); nothing at or below
/// means the family is not streamed (step 4). Connection version 15 therefore falls back to 14 and never
/// reaches block 168, which kills eNcore 5.2's worker. The low versions that only flag bits name (reference
/// 4.3) are legacy layouts: older record types or blocks rewritten from the stored form (<see cref="LegacyForm"/>);
/// docs/protocol-coverage.md lists the source and the choice made for every bit.
/// </summary>
public static class LayoutTable
{
    private static readonly Dictionary<EventFamily, FamilyLayout[]> Layouts = new()
    {
        [EventFamily.Intrusion] =
        [
            // Bits 2 and 6: the fixed records 104/105 the guide ties to the intrusion event flag (bit 6).
            Legacy(EventFamily.Intrusion, 1, LegacyForm.IntrusionVlanRecords),
            Legacy(EventFamily.Intrusion, 2, LegacyForm.IntrusionVlanRecords),
            Layout(EventFamily.Intrusion, 9, (RecordType.IntrusionEvent, 60)),
            Layout(EventFamily.Intrusion, 10, (RecordType.IntrusionEvent, 81)),
            Layout(EventFamily.Intrusion, 11, (RecordType.IntrusionEvent, 85)),
        ],
        [EventFamily.Connection] =
        [
            Layout(EventFamily.Connection, 14, (RecordType.ConnectionStatistics, 163)),
            Layout(EventFamily.Connection, 16, (RecordType.ConnectionStatistics, 173)),
            Layout(EventFamily.Connection, 17, (RecordType.ConnectionStatistics, 174)),
        ],
        [EventFamily.File] =
        [
            Layout(EventFamily.File, 6, (RecordType.FileEvent, 56), (RecordType.FileMalwareEvent, 56)),
            Layout(EventFamily.File, 7, (RecordType.FileEvent, 79), (RecordType.FileMalwareEvent, 79)),
        ],
        [EventFamily.Malware] =
        [
            Layout(EventFamily.Malware, 7, (RecordType.MalwareEvent, 62)),
            Layout(EventFamily.Malware, 8, (RecordType.MalwareEvent, 80)),
        ],
        [EventFamily.UserActivity] =
        [
            // Bit 21: 92–94 with block 75, 95 with the login block 73, header without the IPv6 slot.
            Legacy(
                EventFamily.UserActivity,
                1,
                LegacyForm.UserActivityVersion1,
                (RecordType.UserDropped, UserActivityRecord.Block75),
                (RecordType.UserRemoved, UserActivityRecord.Block75),
                (RecordType.NewUserIdentity, UserActivityRecord.Block75),
                (RecordType.UserLogin, UserActivityRecord.Block73)),
            Layout(EventFamily.UserActivity, 7, (RecordType.UserLogin, 167), (RecordType.VpnLogin, 167), (RecordType.VpnLogoff, 167)),
        ],
        [EventFamily.Correlation] =
        [
            // Bits 4 and 9 name versions 1 and 2, whose blocks (19, 33) no source confirms: the nearest
            // documented layout, version 3's block 52, stands in. Bits 13, 19, 22: blocks 52, 70, 84.
            Legacy(EventFamily.Correlation, 1, LegacyForm.CorrelationPolicyEvents, (RecordType.CorrelationEventLegacy, LegacyCorrelationEventRecord.Block52)),
            Legacy(EventFamily.Correlation, 2, LegacyForm.CorrelationPolicyEvents, (RecordType.CorrelationEventLegacy, LegacyCorrelationEventRecord.Block52)),
            Legacy(EventFamily.Correlation, 3, LegacyForm.CorrelationPolicyEvents, (RecordType.CorrelationEventLegacy, LegacyCorrelationEventRecord.Block52)),
            Legacy(EventFamily.Correlation, 4, LegacyForm.CorrelationPolicyEvents, (RecordType.CorrelationEventLegacy, LegacyCorrelationEventRecord.Block70)),
            Legacy(EventFamily.Correlation, 5, LegacyForm.CorrelationPolicyEvents, (RecordType.CorrelationEventV5, LegacyCorrelationEventRecord.Block84)),
            Layout(EventFamily.Correlation, 9, (RecordType.CorrelationEvent, 156)),
        ],
        [EventFamily.Discovery] =
        [
            // Bits 3, 7, 10, 17, 24: the same records behind the header without the IPv6 slot.
            Legacy(EventFamily.Discovery, 1, LegacyForm.DiscoveryWithoutIPv6),
            Legacy(EventFamily.Discovery, 2, LegacyForm.DiscoveryWithoutIPv6),
            Legacy(EventFamily.Discovery, 3, LegacyForm.DiscoveryWithoutIPv6),
            Legacy(EventFamily.Discovery, 4, LegacyForm.DiscoveryWithoutIPv6),
            Legacy(EventFamily.Discovery, 5, LegacyForm.DiscoveryWithoutIPv6),
            Layout(EventFamily.Discovery, 11),
        ],
        [EventFamily.ImpactAlert] = [Layout(EventFamily.ImpactAlert, 2, (RecordType.IntrusionImpactAlert, 153))],
        [EventFamily.Metadata] = [Layout(EventFamily.Metadata, 4)],
        [EventFamily.PacketData] = [Layout(EventFamily.PacketData, 1)],
        [EventFamily.ExtraData] = [Layout(EventFamily.ExtraData, 1)],
    };

    public static IReadOnlyList<ushort> ImplementedVersions(EventFamily family) =>
        Layouts.TryGetValue(family, out var layouts) ? layouts.Select(l => l.Version).ToArray() : [];

    /// <summary>
    /// The layout for a requested version: exact, else the highest lower one (reference 5.6 step 3), else,
    /// for a version older than any layout implemented, the oldest implemented one: the nearest documented
    /// layout stands in, so that every version a client can ask for gets its family (the negotiation note
    /// says so). Null only for a family the emulator does not stream at all.
    /// </summary>
    public static FamilyLayout? Resolve(EventFamily family, ushort requestedVersion)
    {
        if (!Layouts.TryGetValue(family, out var layouts))
        {
            return null;
        }

        FamilyLayout? best = null;
        foreach (var layout in layouts)
        {
            if (layout.Version <= requestedVersion && (best is null || layout.Version > best.Version))
            {
                best = layout;
            }
        }

        return best ?? layouts.MinBy(l => l.Version);
    }

    private static FamilyLayout Layout(EventFamily family, ushort version, params (RecordType Type, uint Block)[] blocks) =>
        new(family, version, blocks.ToDictionary(b => b.Type, b => b.Block));

    private static FamilyLayout Legacy(EventFamily family, ushort version, LegacyForm form, params (RecordType Type, uint Block)[] blocks) =>
        Layout(family, version, blocks) with { Legacy = form };
}

using System.Net;
using System.Net.Sockets;
using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Records.Intrusion;

/// <summary>
/// Intrusion event in the legacy fixed layout of the 4.9–4.10.x products, which flag-only requests for
/// intrusion events (request flag bits 2 and 6) receive (guide, legacy intrusion data structures): no block
/// header, record 104 with 4-byte addresses (60 bytes) or record 105 with 16-byte addresses (84 bytes).
/// Both end in a reserved word the guide displays as the MPLS label, the VLAN ID and a pad.
/// </summary>
public sealed record LegacyIntrusionEventRecord : IRecord
{
    /// <summary>Body size of record 104.</summary>
    public const int IPv4Size = 60;

    /// <summary>Body size of record 105.</summary>
    public const int IPv6Size = 84;

    public static readonly IReadOnlyList<RecordType> RecordTypes = [RecordType.IntrusionEventVlan, RecordType.IntrusionEventIPv6Vlan];

    private readonly RecordType _recordType = RecordType.IntrusionEventVlan;

    /// <summary>104 (IPv4 addresses) or 105 (IPv6 addresses); anything else is refused when set.</summary>
    public RecordType RecordType
    {
        get => _recordType;
        init
        {
            if (!RecordTypes.Contains(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "a legacy intrusion event is record 104 or 105");
            }

            _recordType = value;
        }
    }

    /// <summary>The guide calls it the detection engine ID in these records.</summary>
    public uint DeviceId { get; init; }

    public uint EventId { get; init; }
    public uint EventSecond { get; init; }
    public uint EventMicrosecond { get; init; }
    public uint RuleId { get; init; }
    public uint GeneratorId { get; init; }
    public uint RuleRevision { get; init; }
    public uint ClassificationId { get; init; }
    public uint PriorityId { get; init; }

    /// <summary>Record 104 writes the IPv4 address (an IPv6 address that is not IPv4-mapped as zeros), 105 all 16 bytes.</summary>
    public IPAddress SourceIp { get; init; } = IPAddress.Any;

    public IPAddress DestinationIp { get; init; } = IPAddress.Any;
    public ushort SourcePortOrIcmpType { get; init; }
    public ushort DestinationPortOrIcmpCode { get; init; }
    public byte IpProtocol { get; init; }
    public byte ImpactFlags { get; init; }
    public byte Impact { get; init; }
    public byte Blocked { get; init; }

    /// <summary>Reserved in these records; the guide displays it as "MPLS Label".</summary>
    public uint MplsLabel { get; init; }

    public ushort VlanId { get; init; }
    public ushort Padding { get; init; }

    /// <summary>
    /// The legacy form of a stored intrusion event: record 104 when both addresses are IPv4 (or IPv4-mapped),
    /// otherwise record 105. Fields the old layout lacks (policies, zones, applications...) are left out.
    /// </summary>
    public static LegacyIntrusionEventRecord From(IntrusionEventRecord source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var ipv4 = IsIPv4(source.SourceIp) && IsIPv4(source.DestinationIp);
        return new LegacyIntrusionEventRecord
        {
            RecordType = ipv4 ? RecordType.IntrusionEventVlan : RecordType.IntrusionEventIPv6Vlan,
            DeviceId = source.DeviceId,
            EventId = source.EventId,
            EventSecond = source.EventSecond,
            EventMicrosecond = source.EventMicrosecond,
            RuleId = source.RuleId,
            GeneratorId = source.GeneratorId,
            RuleRevision = source.RuleRevision,
            ClassificationId = source.ClassificationId,
            PriorityId = source.PriorityId,
            SourceIp = ipv4 ? ToIPv4(source.SourceIp) : source.SourceIp,
            DestinationIp = ipv4 ? ToIPv4(source.DestinationIp) : source.DestinationIp,
            SourcePortOrIcmpType = source.SourcePortOrIcmpType,
            DestinationPortOrIcmpCode = source.DestinationPortOrIcmpCode,
            IpProtocol = source.IpProtocol,
            ImpactFlags = source.ImpactFlags,
            Impact = source.Impact,
            Blocked = source.Blocked,
            MplsLabel = source.MplsLabel,
            VlanId = source.VlanId,
            Padding = source.Padding,
        };
    }

    public void WriteBody(WireWriter writer)
    {
        writer.WriteUInt32(DeviceId);
        writer.WriteUInt32(EventId);
        writer.WriteUInt32(EventSecond);
        writer.WriteUInt32(EventMicrosecond);
        writer.WriteUInt32(RuleId);
        writer.WriteUInt32(GeneratorId);
        writer.WriteUInt32(RuleRevision);
        writer.WriteUInt32(ClassificationId);
        writer.WriteUInt32(PriorityId);
        if (RecordType == RecordType.IntrusionEventVlan)
        {
            writer.WriteIPv4(SourceIp);
            writer.WriteIPv4(DestinationIp);
        }
        else
        {
            writer.WriteIPv6(SourceIp);
            writer.WriteIPv6(DestinationIp);
        }

        writer.WriteUInt16(SourcePortOrIcmpType);
        writer.WriteUInt16(DestinationPortOrIcmpCode);
        writer.WriteUInt8(IpProtocol);
        writer.WriteUInt8(ImpactFlags);
        writer.WriteUInt8(Impact);
        writer.WriteUInt8(Blocked);
        writer.WriteUInt32(MplsLabel);
        writer.WriteUInt16(VlanId);
        writer.WriteUInt16(Padding);
    }

    internal static IRecord Read(RecordType recordType, ref WireReader reader)
    {
        var ipv4 = recordType == RecordType.IntrusionEventVlan;

        // Object initializers run in source order, so the reads below follow the wire order.
        return new LegacyIntrusionEventRecord
        {
            RecordType = recordType,
            DeviceId = reader.ReadUInt32("device ID"),
            EventId = reader.ReadUInt32("event ID"),
            EventSecond = reader.ReadUInt32("event second"),
            EventMicrosecond = reader.ReadUInt32("event microsecond"),
            RuleId = reader.ReadUInt32("rule ID"),
            GeneratorId = reader.ReadUInt32("generator ID"),
            RuleRevision = reader.ReadUInt32("rule revision"),
            ClassificationId = reader.ReadUInt32("classification ID"),
            PriorityId = reader.ReadUInt32("priority ID"),
            SourceIp = ipv4 ? reader.ReadIPv4("source IP") : reader.ReadIPv6("source IP"),
            DestinationIp = ipv4 ? reader.ReadIPv4("destination IP") : reader.ReadIPv6("destination IP"),
            SourcePortOrIcmpType = reader.ReadUInt16("source port"),
            DestinationPortOrIcmpCode = reader.ReadUInt16("destination port"),
            IpProtocol = reader.ReadUInt8("IP protocol"),
            ImpactFlags = reader.ReadUInt8("impact flags"),
            Impact = reader.ReadUInt8("impact"),
            Blocked = reader.ReadUInt8("blocked"),
            MplsLabel = reader.ReadUInt32("MPLS label"),
            VlanId = reader.ReadUInt16("VLAN ID"),
            Padding = reader.ReadUInt16("pad"),
        };
    }

    private static bool IsIPv4(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork || address.IsIPv4MappedToIPv6 || address.Equals(IPAddress.IPv6Any);

    private static IPAddress ToIPv4(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork ? address : address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : IPAddress.Any;
}

using System.Net;
using System.Net.Sockets;
using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Records.Correlation;

/// <summary>
/// Correlation (policy) event in the legacy layouts that request flag bits 13, 19 and 22 name (Perl SDK record
/// and block tables): record 65 with series-1 block 52 (version 3) or 70 (version 4), record 97 with series-1
/// block 84 (version 5). The three blocks share one field order; 52 carries 16-bit server IDs, 70 32-bit
/// ones, and 84 adds a user ID on each side. Unlike block 156, addresses are IPv4 only and the impact flags
/// are a 32-bit word. With an empty description block 52 is 134 bytes, 70 is 138 and 84 is 146.
/// </summary>
public sealed record LegacyCorrelationEventRecord : IVersionedRecord
{
    public const uint Block52 = 52;
    public const uint Block70 = 70;
    public const uint Block84 = 84;

    public static readonly IReadOnlyList<RecordType> RecordTypes = [RecordType.CorrelationEventLegacy, RecordType.CorrelationEventV5];

    private static readonly uint[] AllBlocks = [Block52, Block70, Block84];
    private static readonly uint[] Record65Blocks = [Block52, Block70];
    private static readonly uint[] Record97Blocks = [Block84];

    private readonly uint _blockType = Block84;

    /// <summary>Follows the block: 65 for blocks 52 and 70, 97 for block 84.</summary>
    public RecordType RecordType => _blockType == Block84 ? RecordType.CorrelationEventV5 : RecordType.CorrelationEventLegacy;

    /// <summary>52, 70 or 84; anything else is refused when set.</summary>
    public uint BlockType
    {
        get => _blockType;
        init
        {
            BlockTypes.RequireOneOf(value, AllBlocks, "a legacy correlation event");
            _blockType = value;
        }
    }

    public IReadOnlyList<uint> SupportedBlockTypes => AllBlocks;

    public uint DeviceId { get; init; }
    public uint EventSecond { get; init; }
    public uint EventId { get; init; }
    public uint PolicyId { get; init; }
    public uint RuleId { get; init; }
    public uint Priority { get; init; }
    public string Description { get; init; } = string.Empty;
    public byte EventType { get; init; }
    public uint EventDeviceId { get; init; }
    public uint SignatureId { get; init; }
    public uint SignatureGeneratorId { get; init; }
    public uint TriggerEventSecond { get; init; }
    public uint TriggerEventMicrosecond { get; init; }
    public uint DeviceEventId { get; init; }
    public uint EventDefinedMask { get; init; }

    /// <summary>32 bits in these blocks.</summary>
    public uint ImpactFlags { get; init; }

    public byte IpProtocol { get; init; }
    public ushort NetworkProtocol { get; init; }
    public IPAddress SourceIp { get; init; } = IPAddress.Any;
    public byte SourceHostType { get; init; }
    public ushort SourceVlanId { get; init; }
    public Guid SourceOsFingerprintUuid { get; init; }
    public ushort SourceCriticality { get; init; }

    /// <summary>Block 84 only.</summary>
    public uint SourceUserId { get; init; }

    public ushort SourcePort { get; init; }

    /// <summary>16 bits in block 52, 32 bits in blocks 70 and 84.</summary>
    public uint SourceServerId { get; init; }

    public IPAddress DestinationIp { get; init; } = IPAddress.Any;
    public byte DestinationHostType { get; init; }
    public ushort DestinationVlanId { get; init; }
    public Guid DestinationOsFingerprintUuid { get; init; }
    public ushort DestinationCriticality { get; init; }

    /// <summary>Block 84 only.</summary>
    public uint DestinationUserId { get; init; }

    public ushort DestinationPort { get; init; }

    /// <summary>16 bits in block 52, 32 bits in blocks 70 and 84.</summary>
    public uint DestinationServerId { get; init; }

    /// <summary>
    /// The legacy form of a stored correlation event (block 156). IPv4 addresses come from the 16-byte
    /// address fields when they hold IPv4, else from the legacy 4-byte slots; the fields block 156 added later
    /// (impact, blocked, policies, zones, URL, SSL...) are left out.
    /// </summary>
    public static LegacyCorrelationEventRecord From(CorrelationEventRecord source, uint blockType)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new LegacyCorrelationEventRecord
        {
            BlockType = blockType,
            DeviceId = source.DeviceId,
            EventSecond = source.EventSecond,
            EventId = source.EventId,
            PolicyId = source.PolicyId,
            RuleId = source.RuleId,
            Priority = source.Priority,
            Description = source.Description,
            EventType = source.EventType,
            EventDeviceId = source.EventDeviceId,
            SignatureId = source.SignatureId,
            SignatureGeneratorId = source.SignatureGeneratorId,
            TriggerEventSecond = source.TriggerEventSecond,
            TriggerEventMicrosecond = source.TriggerEventMicrosecond,
            DeviceEventId = source.DeviceEventId,
            EventDefinedMask = source.EventDefinedMask,
            ImpactFlags = source.ImpactFlags,
            IpProtocol = source.IpProtocol,
            NetworkProtocol = source.NetworkProtocol,
            SourceIp = IPv4Of(source.SourceIp, source.SourceIPv4),
            SourceHostType = source.SourceHostType,
            SourceVlanId = source.SourceVlanId,
            SourceOsFingerprintUuid = source.SourceOsFingerprintUuid,
            SourceCriticality = source.SourceCriticality,
            SourceUserId = blockType == Block84 ? source.SourceUserId : 0,
            SourcePort = source.SourcePort,
            SourceServerId = blockType == Block52 ? (ushort)source.SourceServerId : source.SourceServerId,
            DestinationIp = IPv4Of(source.DestinationIp, source.DestinationIPv4),
            DestinationHostType = source.DestinationHostType,
            DestinationVlanId = source.DestinationVlanId,
            DestinationOsFingerprintUuid = source.DestinationOsFingerprintUuid,
            DestinationCriticality = source.DestinationCriticality,
            DestinationUserId = blockType == Block84 ? source.DestinationUserId : 0,
            DestinationPort = source.DestinationPort,
            DestinationServerId = blockType == Block52 ? (ushort)source.DestinationServerId : source.DestinationServerId,
        };
    }

    public IVersionedRecord WithBlockType(uint blockType) => this with { BlockType = blockType };

    public void WriteBody(WireWriter writer) => WriteBody(writer, BlockType);

    /// <inheritdoc/>
    public void WriteBody(WireWriter writer, uint blockType)
    {
        BlockTypes.RequireOneOf(blockType, AllBlocks, "a legacy correlation event");
        var block = writer.BeginBlock(blockType);
        writer.WriteUInt32(DeviceId);
        writer.WriteUInt32(EventSecond);
        writer.WriteUInt32(EventId);
        writer.WriteUInt32(PolicyId);
        writer.WriteUInt32(RuleId);
        writer.WriteUInt32(Priority);
        writer.WriteStringBlock(Description);
        writer.WriteUInt8(EventType);
        writer.WriteUInt32(EventDeviceId);
        writer.WriteUInt32(SignatureId);
        writer.WriteUInt32(SignatureGeneratorId);
        writer.WriteUInt32(TriggerEventSecond);
        writer.WriteUInt32(TriggerEventMicrosecond);
        writer.WriteUInt32(DeviceEventId);
        writer.WriteUInt32(EventDefinedMask);
        writer.WriteUInt32(ImpactFlags);
        writer.WriteUInt8(IpProtocol);
        writer.WriteUInt16(NetworkProtocol);
        WriteSide(writer, blockType, SourceIp, SourceHostType, SourceVlanId, SourceOsFingerprintUuid, SourceCriticality, SourceUserId, SourcePort, SourceServerId);
        WriteSide(writer, blockType, DestinationIp, DestinationHostType, DestinationVlanId, DestinationOsFingerprintUuid, DestinationCriticality, DestinationUserId, DestinationPort, DestinationServerId);
        writer.EndBlock(block);
    }

    internal static IRecord Read(RecordType recordType, ref WireReader reader)
    {
        var allowed = recordType == RecordType.CorrelationEventV5 ? Record97Blocks : Record65Blocks;
        var r = reader.ReadBlock("legacy correlation event block", allowed, out var blockType);
        var withUsers = blockType == Block84;
        var wideServers = blockType != Block52;

        // Object initializers run in source order, so the reads below follow the wire order.
        var record = new LegacyCorrelationEventRecord
        {
            BlockType = blockType,
            DeviceId = r.ReadUInt32("device ID"),
            EventSecond = r.ReadUInt32("correlation event second"),
            EventId = r.ReadUInt32("event ID"),
            PolicyId = r.ReadUInt32("policy ID"),
            RuleId = r.ReadUInt32("rule ID"),
            Priority = r.ReadUInt32("priority"),
            Description = r.ReadStringBlock("description"),
            EventType = r.ReadUInt8("event type"),
            EventDeviceId = r.ReadUInt32("event device ID"),
            SignatureId = r.ReadUInt32("signature ID"),
            SignatureGeneratorId = r.ReadUInt32("signature generator ID"),
            TriggerEventSecond = r.ReadUInt32("trigger event second"),
            TriggerEventMicrosecond = r.ReadUInt32("trigger event microsecond"),
            DeviceEventId = r.ReadUInt32("device event ID"),
            EventDefinedMask = r.ReadUInt32("event-defined mask"),
            ImpactFlags = r.ReadUInt32("impact flags"),
            IpProtocol = r.ReadUInt8("IP protocol"),
            NetworkProtocol = r.ReadUInt16("network protocol"),
            SourceIp = r.ReadIPv4("source IP"),
            SourceHostType = r.ReadUInt8("source host type"),
            SourceVlanId = r.ReadUInt16("source VLAN"),
            SourceOsFingerprintUuid = r.ReadUuid("source OS fingerprint UUID"),
            SourceCriticality = r.ReadUInt16("source criticality"),
            SourceUserId = withUsers ? r.ReadUInt32("source user ID") : 0,
            SourcePort = r.ReadUInt16("source port"),
            SourceServerId = wideServers ? r.ReadUInt32("source server ID") : r.ReadUInt16("source server ID"),
            DestinationIp = r.ReadIPv4("destination IP"),
            DestinationHostType = r.ReadUInt8("destination host type"),
            DestinationVlanId = r.ReadUInt16("destination VLAN"),
            DestinationOsFingerprintUuid = r.ReadUuid("destination OS fingerprint UUID"),
            DestinationCriticality = r.ReadUInt16("destination criticality"),
            DestinationUserId = withUsers ? r.ReadUInt32("destination user ID") : 0,
            DestinationPort = r.ReadUInt16("destination port"),
            DestinationServerId = wideServers ? r.ReadUInt32("destination server ID") : r.ReadUInt16("destination server ID"),
        };

        r.ExpectEnd("legacy correlation event block");
        return record;
    }

    private static IPAddress IPv4Of(IPAddress address, IPAddress legacySlot) =>
        address.AddressFamily == AddressFamily.InterNetwork ? address
        : address.IsIPv4MappedToIPv6 ? address.MapToIPv4()
        : legacySlot;

    private static void WriteSide(
        WireWriter writer,
        uint blockType,
        IPAddress ip,
        byte hostType,
        ushort vlanId,
        Guid osFingerprint,
        ushort criticality,
        uint userId,
        ushort port,
        uint serverId)
    {
        writer.WriteIPv4(ip);
        writer.WriteUInt8(hostType);
        writer.WriteUInt16(vlanId);
        writer.WriteUuid(osFingerprint);
        writer.WriteUInt16(criticality);
        if (blockType == Block84)
        {
            writer.WriteUInt32(userId);
        }

        writer.WriteUInt16(port);
        if (blockType == Block52)
        {
            writer.WriteUInt16(checked((ushort)serverId));
        }
        else
        {
            writer.WriteUInt32(serverId);
        }
    }
}

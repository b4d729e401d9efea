using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Records.Intrusion;

/// <summary>
/// Packet data, record 2 (reference 11.1). Device ID, event ID and event second tie it to its
/// intrusion event.
/// </summary>
public sealed record PacketRecord(
    uint DeviceId,
    uint EventId,
    uint EventSecond,
    uint PacketSecond,
    uint PacketMicrosecond,
    uint LinkType,
    EquatableArray<byte> Packet) : IRecord
{
    /// <summary>libpcap link type for Ethernet.</summary>
    public const uint Ethernet = 1;

    public RecordType RecordType => RecordType.PacketData;

    public void WriteBody(WireWriter writer)
    {
        writer.WriteUInt32(DeviceId);
        writer.WriteUInt32(EventId);
        writer.WriteUInt32(EventSecond);
        writer.WriteUInt32(PacketSecond);
        writer.WriteUInt32(PacketMicrosecond);
        writer.WriteUInt32(LinkType);
        writer.WriteUInt32((uint)Packet.Count);
        writer.WriteBytes(Packet.AsSpan());
    }

    internal static IRecord Read(RecordType recordType, ref WireReader reader)
    {
        var deviceId = reader.ReadUInt32("device ID");
        var eventId = reader.ReadUInt32("event ID");
        var eventSecond = reader.ReadUInt32("event second");
        var packetSecond = reader.ReadUInt32("packet second");
        var packetMicrosecond = reader.ReadUInt32("packet microsecond");
        var linkType = reader.ReadUInt32("link type");
        var at = reader.Offset;
        var length = reader.ReadUInt32("packet length");
        if (length > (uint)reader.Remaining)
        {
            throw new ProtocolException("packet length", at, $"length {length} overruns the {reader.Remaining} bytes left");
        }

        var packet = reader.ReadFixed((int)length, "packet data");
        return new PacketRecord(deviceId, eventId, eventSecond, packetSecond, packetMicrosecond, linkType, packet);
    }
}

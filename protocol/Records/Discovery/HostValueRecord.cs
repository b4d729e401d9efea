using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Records.Discovery;

/// <summary>
/// Discovery records carrying one number after the header (reference 11.15): network protocol (13,
/// uint16), transport protocol (14, uint8), hops (22, uint8), closed or timed-out ports (23–26, uint16),
/// router/bridge host type (31, uint32).
/// </summary>
public sealed record HostValueRecord(RecordType RecordType, DiscoveryHeader Header, uint Value) : IRecord
{
    public static readonly IReadOnlyList<RecordType> RecordTypes =
    [
        RecordType.NewNetworkProtocol,
        RecordType.NewTransportProtocol,
        RecordType.HopsChange,
        RecordType.TcpPortClosed,
        RecordType.UdpPortClosed,
        RecordType.TcpPortTimeout,
        RecordType.UdpPortTimeout,
        RecordType.HostIdentifiedAsRouter,
    ];

    /// <summary>Width in bytes of the value field for a record type.</summary>
    public static int ValueSize(RecordType recordType) => recordType switch
    {
        RecordType.NewTransportProtocol or RecordType.HopsChange => 1,
        RecordType.HostIdentifiedAsRouter => 4,
        _ => 2,
    };

    public void WriteBody(WireWriter writer)
    {
        Header.Write(writer);
        switch (ValueSize(RecordType))
        {
            case 1:
                writer.WriteUInt8(checked((byte)Value));
                break;
            case 2:
                writer.WriteUInt16(checked((ushort)Value));
                break;
            default:
                writer.WriteUInt32(Value);
                break;
        }
    }

    internal static IRecord Read(RecordType recordType, ref WireReader reader)
    {
        var header = DiscoveryHeader.Read(ref reader);
        uint value = ValueSize(recordType) switch
        {
            1 => reader.ReadUInt8("value"),
            2 => reader.ReadUInt16("value"),
            _ => reader.ReadUInt32("value"),
        };
        return new HostValueRecord(recordType, header, value);
    }
}

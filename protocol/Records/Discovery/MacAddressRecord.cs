using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Records.Discovery;

/// <summary>
/// MAC information change (27) and additional MAC detected (28): header + series-1 block 95 holding
/// TTL, MAC, primary flag and last-seen time (reference 11.15).
/// </summary>
public sealed record MacAddressRecord(
    RecordType RecordType,
    DiscoveryHeader Header,
    byte Ttl,
    EquatableArray<byte> MacAddress,
    byte Primary,
    uint LastSeen) : IRecord
{
    public const uint BlockType = 95;

    public static readonly IReadOnlyList<RecordType> RecordTypes = [RecordType.MacInformationChange, RecordType.AdditionalMacDetected];

    public void WriteBody(WireWriter writer)
    {
        Header.Write(writer);
        var block = writer.BeginBlock(BlockType);
        writer.WriteUInt8(Ttl);
        writer.WriteFixed(MacAddress, 6, "MAC address");
        writer.WriteUInt8(Primary);
        writer.WriteUInt32(LastSeen);
        writer.EndBlock(block);
    }

    internal static IRecord Read(RecordType recordType, ref WireReader reader)
    {
        var header = DiscoveryHeader.Read(ref reader);
        var block = reader.ReadBlock("host MAC block", BlockType);
        var record = new MacAddressRecord(
            recordType,
            header,
            block.ReadUInt8("TTL"),
            block.ReadFixed(6, "MAC address"),
            block.ReadUInt8("primary"),
            block.ReadUInt32("last seen"));
        block.ExpectEnd("host MAC block");
        return record;
    }
}

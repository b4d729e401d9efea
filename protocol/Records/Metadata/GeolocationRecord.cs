using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Records.Metadata;

/// <summary>
/// Geolocation (country) metadata, record 520, series-2 block 28 (reference 11.5): uint16 country code,
/// string block country name; 18 bytes with an empty name. The code is the one the source and
/// destination country fields of events carry.
/// </summary>
public sealed record GeolocationRecord : IRecord
{
    public const uint BlockType = 28;

    public RecordType RecordType => RecordType.Geolocation;

    public ushort CountryCode { get; init; }

    public string Name { get; init; } = string.Empty;

    public void WriteBody(WireWriter writer)
    {
        var block = writer.BeginBlock(BlockType);
        writer.WriteUInt16(CountryCode);
        writer.WriteStringBlock(Name);
        writer.EndBlock(block);
    }

    internal static IRecord Read(RecordType recordType, ref WireReader reader)
    {
        var block = reader.ReadBlock("geolocation block", BlockType);
        var record = new GeolocationRecord
        {
            CountryCode = block.ReadUInt16("country code"),
            Name = block.ReadStringBlock("country name"),
        };
        block.ExpectEnd("geolocation block");
        return record;
    }
}

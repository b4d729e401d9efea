using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Records.Intrusion;

/// <summary>
/// Intrusion extra-data type metadata, record 111, series-2 block 5 (reference 11.14): names an
/// extra-data type and the encoding of its payload. Sent for each type before the first
/// <see cref="ExtraDataRecord"/> of that type.
/// </summary>
public sealed record ExtraDataTypeRecord : IRecord
{
    public const uint BlockType = 5;

    /// <summary>Block with empty strings: header, uint32 type, two empty string blocks.</summary>
    public const int MinimumSize = 28;

    public RecordType RecordType => RecordType.IntrusionExtraDataMetadata;

    public uint ExtraDataType { get; init; }
    public string Name { get; init; } = string.Empty;
    public string Encoding { get; init; } = string.Empty;

    public void WriteBody(WireWriter writer)
    {
        var block = writer.BeginBlock(BlockType);
        writer.WriteUInt32(ExtraDataType);
        writer.WriteStringBlock(Name);
        writer.WriteStringBlock(Encoding);
        writer.EndBlock(block);
    }

    internal static IRecord Read(RecordType recordType, ref WireReader reader)
    {
        var at = reader.Offset;
        var r = reader.ReadBlock("extra data type block", out var blockType);
        if (blockType != BlockType)
        {
            throw new ProtocolException("extra data type block type", at, $"block type {blockType} is not {BlockType}");
        }

        var record = new ExtraDataTypeRecord
        {
            ExtraDataType = r.ReadUInt32("extra data type"),
            Name = r.ReadStringBlock("name"),
            Encoding = r.ReadStringBlock("encoding"),
        };

        r.ExpectEnd("extra data type block");
        return record;
    }
}

using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Records.Intrusion;

/// <summary>
/// Intrusion extra data, record 110, series-2 block 4 (reference 11.14): a payload tied to an intrusion
/// event by (device ID, event ID, event second), such as an original client IP from an XFF header or an
/// HTTP URI. Its <see cref="ExtraDataType"/> is described by an <see cref="ExtraDataTypeRecord"/>, which
/// the server sends before the first record 110 of that type.
/// </summary>
public sealed record ExtraDataRecord : IRecord
{
    public const uint BlockType = 4;

    /// <summary>Block with empty data: header, four uint32, empty BLOB block.</summary>
    public const int MinimumSize = 32;

    public RecordType RecordType => RecordType.IntrusionExtraData;

    public uint DeviceId { get; init; }
    public uint EventId { get; init; }
    public uint EventSecond { get; init; }
    public uint ExtraDataType { get; init; }

    /// <summary>The payload, carried in a BLOB block (reference 9.4); its encoding is named by record 111.</summary>
    public EquatableArray<byte> Data { get; init; } = EquatableArray<byte>.Empty;

    public void WriteBody(WireWriter writer)
    {
        var block = writer.BeginBlock(BlockType);
        writer.WriteUInt32(DeviceId);
        writer.WriteUInt32(EventId);
        writer.WriteUInt32(EventSecond);
        writer.WriteUInt32(ExtraDataType);
        writer.WriteBlobBlock(Data.AsSpan());
        writer.EndBlock(block);
    }

    internal static IRecord Read(RecordType recordType, ref WireReader reader)
    {
        var at = reader.Offset;
        var r = reader.ReadBlock("extra data block", out var blockType);
        if (blockType != BlockType)
        {
            throw new ProtocolException("extra data block type", at, $"block type {blockType} is not {BlockType}");
        }

        var record = new ExtraDataRecord
        {
            DeviceId = r.ReadUInt32("device ID"),
            EventId = r.ReadUInt32("event ID"),
            EventSecond = r.ReadUInt32("event second"),
            ExtraDataType = r.ReadUInt32("extra data type"),
            Data = r.ReadBlobBlock("extra data"),
        };

        r.ExpectEnd("extra data block");
        return record;
    }
}

using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Records;

/// <summary>Reads one record body of the given type; the reader is confined to the body.</summary>
public delegate IRecord RecordBodyReader(RecordType recordType, ref WireReader reader);

/// <summary>
/// Encodes and decodes Event Data payloads: record header (standard or extended) plus body, with the
/// body dispatched through <see cref="RecordCatalog"/>.
/// </summary>
public static class RecordCodec
{
    /// <summary>Writes record type, record length, [archive timestamp, reserved], body (reference 6.1).</summary>
    public static void WritePayload(WireWriter writer, EventData data) =>
        WritePayload(writer, data.Record, data.ArchiveTimestamp, data.ExtendedHeader, data.Reserved);

    /// <summary>
    /// The same payload from its parts, for a caller that would otherwise make an <see cref="EventData"/> per record;
    /// <paramref name="blockType"/>, for a versioned record, is the layout to write it in (see <see cref="IVersionedRecord.WriteBody(WireWriter, uint)"/>).
    /// </summary>
    public static void WritePayload(WireWriter writer, IRecord record, uint archiveTimestamp, bool extendedHeader, uint reserved = 0, uint? blockType = null)
    {
        var lengthAt = WriteHeader(writer, record.RecordType, archiveTimestamp, extendedHeader, reserved);
        var bodyStart = writer.Position;
        if (blockType is { } block && record is IVersionedRecord versioned)
        {
            versioned.WriteBody(writer, block);
        }
        else
        {
            record.WriteBody(writer);
        }

        writer.PatchUInt32(lengthAt, (uint)(writer.Position - bodyStart));
    }

    /// <summary>The same payload from a body already encoded (what <see cref="IRecord.WriteBody"/> wrote for a record of <paramref name="recordType"/>).</summary>
    public static void WritePayload(WireWriter writer, RecordType recordType, ReadOnlySpan<byte> body, uint archiveTimestamp, bool extendedHeader, uint reserved = 0)
    {
        var lengthAt = WriteHeader(writer, recordType, archiveTimestamp, extendedHeader, reserved);
        writer.WriteBytes(body);
        writer.PatchUInt32(lengthAt, (uint)body.Length);
    }

    /// <summary>Record type, a place for the record length (returned, to patch once the body is written), [archive timestamp, reserved].</summary>
    private static int WriteHeader(WireWriter writer, RecordType recordType, uint archiveTimestamp, bool extendedHeader, uint reserved)
    {
        writer.WriteUInt32((uint)recordType);
        var lengthAt = writer.ReserveUInt32();
        if (extendedHeader)
        {
            writer.WriteUInt32(archiveTimestamp);
            writer.WriteUInt32(reserved);
        }

        return lengthAt;
    }

    /// <summary>
    /// Reads an Event Data payload. Like eNcore, it tells the two header forms apart by arithmetic:
    /// payload = 8 + record length is standard, 16 + record length is extended, anything else is an error.
    /// </summary>
    public static EventData ReadPayload(ReadOnlySpan<byte> payload, int baseOffset = 0)
    {
        var reader = new WireReader(payload, baseOffset);
        var recordType = (RecordType)reader.ReadUInt32("record type");
        var recordLength = reader.ReadUInt32("record length");
        bool extended;
        if ((ulong)recordLength + EventData.StandardHeaderSize == (ulong)payload.Length)
        {
            extended = false;
        }
        else if ((ulong)recordLength + EventData.ExtendedHeaderSize == (ulong)payload.Length)
        {
            extended = true;
        }
        else
        {
            throw new ProtocolException(
                "record length",
                baseOffset + 4,
                $"record length {recordLength} disagrees with the {payload.Length}-byte payload (expected payload minus 8 or 16)");
        }

        uint archiveTimestamp = 0;
        uint reserved = 0;
        if (extended)
        {
            archiveTimestamp = reader.ReadUInt32("archive timestamp");
            reserved = reader.ReadUInt32("reserved");
        }

        var body = new WireReader(reader.ReadBytes(reader.Remaining, "record body"), baseOffset + reader.Position - (int)recordLength);
        var record = RecordCatalog.ReadBody(recordType, ref body);
        return new EventData(record, archiveTimestamp, extended, reserved);
    }

    /// <summary>Decodes a record body alone (no record header).</summary>
    public static IRecord ReadBody(RecordType recordType, ReadOnlySpan<byte> body, int baseOffset = 0)
    {
        var reader = new WireReader(body, baseOffset);
        return RecordCatalog.ReadBody(recordType, ref reader);
    }

    /// <summary>
    /// True for the failures a record writer raises for a value its layout cannot carry (a number out of range, a
    /// text too long for its length field, a value of the wrong kind): the record cannot be written, as opposed to a fault of the writer.
    /// </summary>
    public static bool IsUnwritableValue(Exception failure) =>
        failure is OverflowException or ArgumentException or InvalidOperationException or FormatException;

    /// <summary>Encodes a record body alone into a new array (tests, golden vectors).</summary>
    public static byte[] WriteBody(IRecord record)
    {
        using var writer = new WireWriter();
        record.WriteBody(writer);
        return writer.ToArray();
    }
}

using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Records.Metadata;

/// <summary>Priority metadata, record 4: uint32 ID, uint16 length, name (reference 11.4).</summary>
public sealed record PriorityRecord(uint PriorityId, string Name) : IRecord
{
    public RecordType RecordType => RecordType.Priority;

    public void WriteBody(WireWriter writer)
    {
        writer.WriteUInt32(PriorityId);
        writer.WriteString16(Name, "priority name");
    }

    internal static IRecord Read(RecordType recordType, ref WireReader reader) =>
        new PriorityRecord(reader.ReadUInt32("priority ID"), reader.ReadString16("priority name"));
}

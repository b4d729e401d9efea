using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Records.Metadata;

/// <summary>Classification metadata, record 67 (reference 11.3).</summary>
public sealed record ClassificationRecord(
    uint ClassificationId,
    string Name,
    string Description,
    Guid ClassificationUuid,
    Guid RevisionUuid) : IRecord
{
    public RecordType RecordType => RecordType.Classification;

    public void WriteBody(WireWriter writer)
    {
        writer.WriteUInt32(ClassificationId);
        writer.WriteString16(Name, "classification name");
        writer.WriteString16(Description, "classification description");
        writer.WriteUuid(ClassificationUuid);
        writer.WriteUuid(RevisionUuid);
    }

    internal static IRecord Read(RecordType recordType, ref WireReader reader) => new ClassificationRecord(
        reader.ReadUInt32("classification ID"),
        reader.ReadString16("classification name"),
        reader.ReadString16("classification description"),
        reader.ReadUuid("classification UUID"),
        reader.ReadUuid("revision UUID"));
}

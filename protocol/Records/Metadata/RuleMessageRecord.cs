using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Records.Metadata;

/// <summary>
/// Rule message metadata, record 66 (reference 11.2). Keyed by (generator ID, rule ID); the
/// <see cref="RenderedSignatureId"/> is the SID users typed, which differs from the internal rule ID
/// when the system remapped a colliding local rule (reference 13).
/// </summary>
public sealed record RuleMessageRecord(
    uint GeneratorId,
    uint RuleId,
    uint RuleRevision,
    uint RenderedSignatureId,
    Guid RuleUuid,
    Guid RuleRevisionUuid,
    string Message) : IRecord
{
    public RecordType RecordType => RecordType.RuleMessage;

    public void WriteBody(WireWriter writer)
    {
        writer.WriteUInt32(GeneratorId);
        writer.WriteUInt32(RuleId);
        writer.WriteUInt32(RuleRevision);
        writer.WriteUInt32(RenderedSignatureId);
        var lengthAt = writer.Position;
        writer.WriteUInt16(0);
        writer.WriteUuid(RuleUuid);
        writer.WriteUuid(RuleRevisionUuid);
        var textStart = writer.Position;
        writer.WriteUtf8(Message);
        var length = writer.Position - textStart;
        if (length > ushort.MaxValue)
        {
            throw new ArgumentException($"rule message is {length} bytes; its 16-bit length holds at most {ushort.MaxValue}");
        }

        writer.PatchUInt16(lengthAt, (ushort)length);
    }

    internal static IRecord Read(RecordType recordType, ref WireReader reader)
    {
        var generatorId = reader.ReadUInt32("generator ID");
        var ruleId = reader.ReadUInt32("rule ID");
        var revision = reader.ReadUInt32("rule revision");
        var rendered = reader.ReadUInt32("rendered signature ID");
        var length = reader.ReadUInt16("message length");
        var ruleUuid = reader.ReadUuid("rule UUID");
        var revisionUuid = reader.ReadUuid("rule revision UUID");
        var message = reader.ReadUtf8(length, "rule message");
        return new RuleMessageRecord(generatorId, ruleId, revision, rendered, ruleUuid, revisionUuid, message);
    }
}

using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Records.Metadata;

/// <summary>
/// Access-control rule metadata, record 119, series-2 block 15 (reference 11.5): policy revision UUID,
/// uint32 rule ID, string block name; 36 bytes with an empty name. Rule ID 0 is the default action,
/// whose name eNcore supplies itself.
/// </summary>
public sealed record AccessControlRuleRecord : IRecord
{
    public const uint BlockType = 15;

    public RecordType RecordType => RecordType.AccessControlRule;

    /// <summary>The revision of the access-control policy, not the policy UUID itself.</summary>
    public Guid PolicyRevisionUuid { get; init; }

    /// <summary>The access-control rule ID events carry.</summary>
    public uint RuleId { get; init; }

    public string Name { get; init; } = string.Empty;

    public void WriteBody(WireWriter writer)
    {
        var block = writer.BeginBlock(BlockType);
        writer.WriteUuid(PolicyRevisionUuid);
        writer.WriteUInt32(RuleId);
        writer.WriteStringBlock(Name);
        writer.EndBlock(block);
    }

    internal static IRecord Read(RecordType recordType, ref WireReader reader)
    {
        var block = reader.ReadBlock("access-control rule block", BlockType);
        var record = new AccessControlRuleRecord
        {
            PolicyRevisionUuid = block.ReadUuid("policy revision UUID"),
            RuleId = block.ReadUInt32("rule ID"),
            Name = block.ReadStringBlock("rule name"),
        };
        block.ExpectEnd("access-control rule block");
        return record;
    }
}

using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Records.Metadata;

/// <summary>
/// UUID-plus-name metadata, series-2 block 14 (reference 11.5): security zones (115), interfaces (116),
/// legacy access-control policies (117), intrusion policies (118), AMP clouds (127), sinkholes (322).
/// </summary>
public sealed record UuidNameRecord(RecordType RecordType, Guid Uuid, string Name) : IRecord
{
    public const uint BlockType = 14;

    public static readonly IReadOnlyList<RecordType> RecordTypes =
    [
        RecordType.SecurityZoneName,
        RecordType.InterfaceName,
        RecordType.AccessControlPolicyNameLegacy,
        RecordType.IntrusionPolicyName,
        RecordType.CloudName,
        RecordType.Sinkhole,
    ];

    public void WriteBody(WireWriter writer)
    {
        var block = writer.BeginBlock(BlockType);
        writer.WriteUuid(Uuid);
        writer.WriteStringBlock(Name);
        writer.EndBlock(block);
    }

    internal static IRecord Read(RecordType recordType, ref WireReader reader)
    {
        var block = reader.ReadBlock("UUID-name block", BlockType);
        var record = new UuidNameRecord(recordType, block.ReadUuid("UUID"), block.ReadStringBlock("name"));
        block.ExpectEnd("UUID-name block");
        return record;
    }
}

using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Records.Metadata;

/// <summary>
/// Access-control policy (145), prefilter policy (146) and tunnel or prefilter rule (147) metadata,
/// series-2 block 64 (reference 11.5): policy UUID, uint32 sensor (device) ID, string block name;
/// 36 bytes with an empty name. eNcore looks the name up by (device ID, policy UUID), so a server sends
/// one record per device.
/// </summary>
public sealed record PolicyRecord : IRecord
{
    public const uint BlockType = 64;

    /// <summary>Record types that use block 64 (reference 10.2).</summary>
    public static readonly IReadOnlyList<RecordType> RecordTypes =
        [RecordType.AccessControlPolicy, RecordType.PrefilterPolicy, RecordType.TunnelOrPrefilterRule];

    private readonly RecordType _recordType = RecordType.AccessControlPolicy;

    /// <summary>One of <see cref="RecordTypes"/>; anything else is refused when set.</summary>
    public RecordType RecordType
    {
        get => _recordType;
        init
        {
            if (!RecordTypes.Contains(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "a block-64 policy record is record 145, 146 or 147");
            }

            _recordType = value;
        }
    }

    public Guid PolicyUuid { get; init; }

    /// <summary>The device the policy is deployed on, as in the device ID of events and record 123.</summary>
    public uint SensorId { get; init; }

    public string Name { get; init; } = string.Empty;

    public void WriteBody(WireWriter writer)
    {
        var block = writer.BeginBlock(BlockType);
        writer.WriteUuid(PolicyUuid);
        writer.WriteUInt32(SensorId);
        writer.WriteStringBlock(Name);
        writer.EndBlock(block);
    }

    internal static IRecord Read(RecordType recordType, ref WireReader reader)
    {
        var block = reader.ReadBlock("policy block", BlockType);
        var record = new PolicyRecord
        {
            RecordType = recordType,
            PolicyUuid = block.ReadUuid("policy UUID"),
            SensorId = block.ReadUInt32("sensor ID"),
            Name = block.ReadStringBlock("policy name"),
        };
        block.ExpectEnd("policy block");
        return record;
    }
}

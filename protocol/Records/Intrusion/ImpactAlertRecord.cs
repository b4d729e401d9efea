using System.Net;
using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Records.Intrusion;

/// <summary>
/// Intrusion impact alert, record 9, series-1 block 153 (reference 11.7). The field order is the one
/// eNcore decodes (event ID before device ID), not the guide's diagram, which eNcore notes is wrong.
/// </summary>
public sealed record ImpactAlertRecord : IRecord
{
    public const uint BlockType = 153;

    /// <summary>Block with an empty description: header, four uint32, two addresses, empty string block.</summary>
    public const int MinimumSize = 64;

    public RecordType RecordType => RecordType.IntrusionImpactAlert;

    public uint EventId { get; init; }
    public uint DeviceId { get; init; }
    public uint EventSecond { get; init; }

    /// <summary>Impact flag bits as in the intrusion event (reference 11.6), carried here in a uint32.</summary>
    public uint Impact { get; init; }

    public IPAddress SourceIp { get; init; } = IPAddress.IPv6Any;
    public IPAddress DestinationIp { get; init; } = IPAddress.IPv6Any;

    /// <summary>Free text; the Perl client extracts "[Impact: …]" from it.</summary>
    public string Description { get; init; } = string.Empty;

    public void WriteBody(WireWriter writer)
    {
        var block = writer.BeginBlock(BlockType);
        writer.WriteUInt32(EventId);
        writer.WriteUInt32(DeviceId);
        writer.WriteUInt32(EventSecond);
        writer.WriteUInt32(Impact);
        writer.WriteIPv6(SourceIp);
        writer.WriteIPv6(DestinationIp);
        writer.WriteStringBlock(Description);
        writer.EndBlock(block);
    }

    internal static IRecord Read(RecordType recordType, ref WireReader reader)
    {
        var at = reader.Offset;
        var r = reader.ReadBlock("impact alert block", out var blockType);
        if (blockType != BlockType)
        {
            throw new ProtocolException("impact alert block type", at, $"block type {blockType} is not {BlockType}");
        }

        var record = new ImpactAlertRecord
        {
            EventId = r.ReadUInt32("event ID"),
            DeviceId = r.ReadUInt32("device ID"),
            EventSecond = r.ReadUInt32("event second"),
            Impact = r.ReadUInt32("impact"),
            SourceIp = r.ReadIPv6("source IP"),
            DestinationIp = r.ReadIPv6("destination IP"),
            Description = r.ReadStringBlock("description"),
        };

        r.ExpectEnd("impact alert block");
        return record;
    }
}

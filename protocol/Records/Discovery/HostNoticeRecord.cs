using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Records.Discovery;

/// <summary>
/// Discovery records that are the header alone: host timeout (19), IP reused (20), host deleted (21),
/// host dropped (44) (reference 11.15).
/// </summary>
public sealed record HostNoticeRecord(RecordType RecordType, DiscoveryHeader Header) : IRecord
{
    public static readonly IReadOnlyList<RecordType> RecordTypes =
        [RecordType.HostTimeout, RecordType.HostIpAddressReused, RecordType.HostDeletedLimitReached, RecordType.HostDroppedLimitReached];

    public void WriteBody(WireWriter writer) => Header.Write(writer);

    internal static IRecord Read(RecordType recordType, ref WireReader reader) =>
        new HostNoticeRecord(recordType, DiscoveryHeader.Read(ref reader));
}

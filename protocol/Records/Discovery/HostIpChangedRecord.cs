using System.Net;
using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Records.Discovery;

/// <summary>Host IP address changed, record 29: header + 16-byte new address (reference 11.15).</summary>
public sealed record HostIpChangedRecord(DiscoveryHeader Header, IPAddress NewAddress) : IRecord
{
    public RecordType RecordType => RecordType.HostIpAddressChanged;

    public void WriteBody(WireWriter writer)
    {
        Header.Write(writer);
        writer.WriteIPv6(NewAddress);
    }

    internal static IRecord Read(RecordType recordType, ref WireReader reader) =>
        new HostIpChangedRecord(DiscoveryHeader.Read(ref reader), reader.ReadIPv6("new IP address"));
}

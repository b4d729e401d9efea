using System.Net;
using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Records.Discovery;

/// <summary>
/// Host IP address changed, record 29: header + 16-byte new address (reference 11.15). Behind a header
/// without the IPv6 slot (discovery versions 1–5) the new address is a 4-byte IPv4 address (Perl SDK).
/// </summary>
public sealed record HostIpChangedRecord(DiscoveryHeader Header, IPAddress NewAddress) : IRecord
{
    public RecordType RecordType => RecordType.HostIpAddressChanged;

    public void WriteBody(WireWriter writer)
    {
        Header.Write(writer);
        if (Header.HasIPv6 == 0)
        {
            writer.WriteIPv4(NewAddress);
        }
        else
        {
            writer.WriteIPv6(NewAddress);
        }
    }

    internal static IRecord Read(RecordType recordType, ref WireReader reader)
    {
        var header = DiscoveryHeader.Read(ref reader);
        var address = header.HasIPv6 == 0 ? reader.ReadIPv4("new IP address") : reader.ReadIPv6("new IP address");
        return new HostIpChangedRecord(header, address);
    }
}

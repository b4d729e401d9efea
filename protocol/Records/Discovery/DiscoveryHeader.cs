using System.Net;
using System.Net.Sockets;
using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Records.Discovery;

/// <summary>
/// The discovery event header that starts discovery, connection and user-activity records
/// (reference 9.7). The emulator always sets the has-IPv6 flag and fills the 16-byte host slot, since
/// eNcore reads the host from there whatever the flag says; the legacy IPv4 field is then zero, as the
/// reference prescribes, and carries the host only in the 40-byte form of discovery versions 1–5.
/// </summary>
public sealed record DiscoveryHeader
{
    /// <summary>Header size with the IPv6 slot present.</summary>
    public const int Size = 56;

    /// <summary>Header size without the IPv6 slot: the only form of discovery versions 1–5 (Perl SDK).</summary>
    public const int LegacySize = 40;

    public uint DeviceId { get; init; }
    public IPAddress LegacyIPv4 { get; init; } = IPAddress.Any;
    public EquatableArray<byte> MacAddress { get; init; } = new byte[6];
    public byte HasIPv6 { get; init; } = 1;
    public byte Reserved { get; init; }
    public uint EventSecond { get; init; }
    public uint EventMicrosecond { get; init; }
    public uint EventType { get; init; }
    public uint EventSubtype { get; init; }
    public uint FileNumber { get; init; }
    public uint FilePosition { get; init; }
    public IPAddress HostIp { get; init; } = IPAddress.IPv6Any;

    /// <summary>
    /// The header as discovery versions 1–5 and user activity version 1 send it: no IPv6 slot, the host in
    /// the 4-byte field (zeros for an IPv6-only host) and bytes 14–15 as one reserved 16-bit word of zeros.
    /// </summary>
    public DiscoveryHeader WithoutIPv6Slot()
    {
        var host = HostIp.IsIPv4MappedToIPv6 ? HostIp.MapToIPv4()
            : HostIp.AddressFamily == AddressFamily.InterNetwork ? HostIp
            : null;
        return this with
        {
            LegacyIPv4 = host ?? (HasIPv6 == 0 || HostIp.Equals(IPAddress.IPv6Any) ? LegacyIPv4 : IPAddress.Any),
            HasIPv6 = 0,
            Reserved = 0,
            HostIp = IPAddress.IPv6Any,
        };
    }

    public void Write(WireWriter writer)
    {
        writer.WriteUInt32(DeviceId);
        writer.WriteIPv4(LegacyIPv4);
        writer.WriteFixed(MacAddress, 6, "MAC address");
        writer.WriteUInt8(HasIPv6);
        writer.WriteUInt8(Reserved);
        writer.WriteUInt32(EventSecond);
        writer.WriteUInt32(EventMicrosecond);
        writer.WriteUInt32(EventType);
        writer.WriteUInt32(EventSubtype);
        writer.WriteUInt32(FileNumber);
        writer.WriteUInt32(FilePosition);
        if (HasIPv6 != 0)
        {
            writer.WriteIPv6(HostIp);
        }
    }

    public static DiscoveryHeader Read(ref WireReader reader)
    {
        var header = new DiscoveryHeader
        {
            DeviceId = reader.ReadUInt32("device ID"),
            LegacyIPv4 = reader.ReadIPv4("legacy IPv4 address"),
            MacAddress = reader.ReadFixed(6, "MAC address"),
            HasIPv6 = reader.ReadUInt8("has-IPv6 flag"),
            Reserved = reader.ReadUInt8("reserved"),
            EventSecond = reader.ReadUInt32("event second"),
            EventMicrosecond = reader.ReadUInt32("event microsecond"),
            EventType = reader.ReadUInt32("event type"),
            EventSubtype = reader.ReadUInt32("event subtype"),
            FileNumber = reader.ReadUInt32("file number"),
            FilePosition = reader.ReadUInt32("file position"),
        };
        return header.HasIPv6 != 0 ? header with { HostIp = reader.ReadIPv6("host IPv6 address") } : header;
    }
}

using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace EStreamer.Scenarios.Generators;

/// <summary>
/// Builds the captured frame of an intrusion event as a sensor records it: Ethernet II, IPv4 or IPv6 (IPv6 when
/// either address is), then TCP, UDP or ICMP around the payload, with the event's MACs, addresses, ports (ICMP type
/// and code) and protocol, true lengths and valid checksums, so that packet tools (Wireshark, tshark) dissect it
/// without complaint. Any other protocol gets the payload straight after the IP header.
/// </summary>
internal static class SamplePacket
{
    private const int EthernetHeader = 14;
    private const int IPv4Header = 20;
    private const int IPv6Header = 40;
    private const int TcpHeader = 20;
    private const int UdpHeader = 8;
    private const int IcmpHeader = 8;
    private const byte Icmp = 1;
    private const byte IcmpV6 = 58;
    private const byte HopLimit = 64;

    /// <summary>The largest payload that still fits an IPv4 total length or IPv6 payload length.</summary>
    public const int MaxPayload = ushort.MaxValue - IPv4Header - TcpHeader;

    public static byte[] Build(Endpoints endpoints, ushort sourcePort, ushort destinationPort, byte protocol, uint sequence, ReadOnlySpan<byte> payload)
    {
        var source = NetworkFacts.Plain(endpoints.Source);
        var destination = NetworkFacts.Plain(endpoints.Destination);
        var v6 = source.AddressFamily == AddressFamily.InterNetworkV6 || destination.AddressFamily == AddressFamily.InterNetworkV6;
        payload = payload[..Math.Min(payload.Length, MaxPayload)];
        var ipHeader = v6 ? IPv6Header : IPv4Header;
        var transportHeader = protocol switch
        {
            NetworkFacts.Tcp => TcpHeader,
            NetworkFacts.Udp => UdpHeader,
            Icmp or IcmpV6 => IcmpHeader,
            _ => 0,
        };
        var segmentLength = transportHeader + payload.Length;
        var packet = new byte[EthernetHeader + ipHeader + segmentLength];
        var span = packet.AsSpan();

        endpoints.DestinationMac.CopyTo(span);
        endpoints.SourceMac.CopyTo(span[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(span[12..], v6 ? (ushort)0x86DD : (ushort)0x0800);

        var ip = span[EthernetHeader..];
        if (v6)
        {
            ip[0] = 0x60;
            BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)segmentLength);
            ip[6] = protocol;
            ip[7] = HopLimit;
            Map6(source).TryWriteBytes(ip[8..24], out _);
            Map6(destination).TryWriteBytes(ip[24..40], out _);
        }
        else
        {
            ip[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(IPv4Header + segmentLength));
            BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)sequence);
            ip[6] = 0x40; // don't fragment
            ip[8] = HopLimit;
            ip[9] = protocol;
            source.TryWriteBytes(ip[12..16], out _);
            destination.TryWriteBytes(ip[16..20], out _);
            BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Checksum(Sum(ip[..IPv4Header], 0)));
        }

        var segment = ip[ipHeader..];
        payload.CopyTo(segment[transportHeader..]);
        if (transportHeader == 0)
        {
            return packet;
        }

        // The pseudo-header (RFC 793 / 768 for IPv4, RFC 8200 for IPv6) that TCP, UDP and ICMPv6 checksums cover.
        var pseudo = (v6 ? Sum(ip[8..40], 0) : Sum(ip[12..20], 0)) + protocol + (uint)segmentLength;
        if (protocol is Icmp or IcmpV6)
        {
            // The event's "ports" are the ICMP type and code (reference 11.6); identifier and sequence of its own.
            segment[0] = (byte)sourcePort;
            segment[1] = (byte)destinationPort;
            BinaryPrimitives.WriteUInt32BigEndian(segment[4..], sequence);
            BinaryPrimitives.WriteUInt16BigEndian(segment[2..], Checksum(Sum(segment, protocol == IcmpV6 ? pseudo : 0)));
            return packet;
        }

        BinaryPrimitives.WriteUInt16BigEndian(segment, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(segment[2..], destinationPort);
        int checksumAt;
        if (protocol == NetworkFacts.Tcp)
        {
            // An established connection's data segment: PSH+ACK, a sequence number of the event's own.
            BinaryPrimitives.WriteUInt32BigEndian(segment[4..], sequence);
            BinaryPrimitives.WriteUInt32BigEndian(segment[8..], sequence ^ 0x5A5A5A5A);
            segment[12] = (TcpHeader / 4) << 4;
            segment[13] = 0x18;
            BinaryPrimitives.WriteUInt16BigEndian(segment[14..], 0xFFFF);
            checksumAt = 16;
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(segment[4..], (ushort)segmentLength);
            checksumAt = 6;
        }

        var checksum = Checksum(Sum(segment, pseudo));

        // UDP sends a computed zero as all ones: zero there means "no checksum".
        BinaryPrimitives.WriteUInt16BigEndian(segment[checksumAt..], protocol == NetworkFacts.Udp && checksum == 0 ? (ushort)0xFFFF : checksum);
        return packet;
    }

    // RFC 1071: one's complement sum of big-endian 16-bit words, an odd last byte padded with zero.
    private static uint Sum(ReadOnlySpan<byte> bytes, uint sum)
    {
        var i = 0;
        for (; i + 1 < bytes.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(bytes[i..]);
        }

        if (i < bytes.Length)
        {
            sum += (uint)bytes[i] << 8;
        }

        return sum;
    }

    private static ushort Checksum(uint sum)
    {
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    private static IPAddress Map6(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork ? address.MapToIPv6() : address;

    /// <summary>Who sends the frame to whom: addresses and the MACs of the hosts that hold them.</summary>
    public readonly record struct Endpoints(IPAddress Source, byte[] SourceMac, IPAddress Destination, byte[] DestinationMac);
}

using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace EStreamer.Scenarios.Generators;

/// <summary>
/// Builds a plausible captured packet: Ethernet, IPv4 or IPv6, TCP or UDP headers around a payload. Checksums
/// are left zero; clients display packets, they do not validate them.
/// </summary>
internal static class SamplePacket
{
    public static byte[] Build(IPAddress source, IPAddress destination, ushort sourcePort, ushort destinationPort, byte protocol, ReadOnlySpan<byte> payload)
    {
        var v6 = source.AddressFamily == AddressFamily.InterNetworkV6 || destination.AddressFamily == AddressFamily.InterNetworkV6;
        var ipHeader = v6 ? 40 : 20;
        var transportHeader = protocol == NetworkFacts.Udp ? 8 : protocol == NetworkFacts.Tcp ? 20 : 0;
        var packet = new byte[14 + ipHeader + transportHeader + payload.Length];
        var span = packet.AsSpan();

        // Ethernet: locally administered MACs, then the EtherType.
        span[0] = 0x02;
        span[5] = 0x01;
        span[6] = 0x02;
        span[11] = 0x02;
        BinaryPrimitives.WriteUInt16BigEndian(span[12..], v6 ? (ushort)0x86DD : (ushort)0x0800);

        var ip = span[14..];
        var ipPayloadLength = transportHeader + payload.Length;
        if (v6)
        {
            ip[0] = 0x60;
            BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)ipPayloadLength);
            ip[6] = protocol;
            ip[7] = 64;
            Map6(source).TryWriteBytes(ip[8..24], out _);
            Map6(destination).TryWriteBytes(ip[24..40], out _);
        }
        else
        {
            ip[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(ipHeader + ipPayloadLength));
            ip[8] = 64;
            ip[9] = protocol;
            source.MapToIPv4().TryWriteBytes(ip[12..16], out _);
            destination.MapToIPv4().TryWriteBytes(ip[16..20], out _);
        }

        var transport = ip[ipHeader..];
        if (transportHeader > 0)
        {
            BinaryPrimitives.WriteUInt16BigEndian(transport, sourcePort);
            BinaryPrimitives.WriteUInt16BigEndian(transport[2..], destinationPort);
        }

        if (protocol == NetworkFacts.Tcp)
        {
            transport[12] = 0x50;
            transport[13] = 0x18;
            BinaryPrimitives.WriteUInt16BigEndian(transport[14..], 0xFFFF);
        }
        else if (protocol == NetworkFacts.Udp)
        {
            BinaryPrimitives.WriteUInt16BigEndian(transport[4..], (ushort)(8 + payload.Length));
        }

        payload.CopyTo(transport[transportHeader..]);
        return packet;
    }

    private static IPAddress Map6(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork ? address.MapToIPv6() : address;
}

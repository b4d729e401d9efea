using EStreamer.Emulator.Events;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Messages;

namespace EStreamer.Emulator.Sessions;

/// <summary>
/// Host profiles for Single/Multiple Host Data (reference 8.2). The 5.x+ full host profile block is not
/// publicly laid out, so the emulator sends a small block of its own, documented in docs/protocol-coverage.md:
/// block type 139, IPv6 address (16), hops (1), MAC (6), last seen (uint32), NetBIOS name (string block).
/// </summary>
internal static class HostProfiles
{
    public const uint BlockType = 139;

    public static HostDataMessage ToMessage(HostProfile host, MessageType type)
    {
        using var writer = new WireWriter(64);
        writer.WriteIPv6(host.Address);
        writer.WriteUInt8(host.Hops);
        writer.WriteFixed(host.MacAddress, 6, "MAC address");
        writer.WriteUInt32(host.LastSeen);
        writer.WriteStringBlock(host.NetBiosName);
        return new HostDataMessage(type, BlockType, writer.ToArray());
    }
}

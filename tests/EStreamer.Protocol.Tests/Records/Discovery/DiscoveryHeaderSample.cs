using System.Net;
using EStreamer.Protocol.Records.Discovery;

namespace EStreamer.Protocol.Tests.Records.Discovery;

/// <summary>A discovery header (reference 9.7) with every field distinct, and its bytes written by hand.</summary>
internal static class DiscoveryHeaderSample
{
    public static readonly DiscoveryHeader Header = new()
    {
        DeviceId = 0x01020304,
        LegacyIPv4 = IPAddress.Parse("192.0.2.1"),
        MacAddress = new byte[] { 0x00, 0x1B, 0x21, 0x3C, 0x4D, 0x5E },
        HasIPv6 = 1,
        Reserved = 0x5A,
        EventSecond = 0x65A0B0C0,
        EventMicrosecond = 0x000A1B2C,
        EventType = DiscoveryEventType.ChangeEvent,
        EventSubtype = 7,
        FileNumber = 0x11,
        FilePosition = 0x22,
        HostIp = IPAddress.Parse("2001:db8::1:2"),
    };

    public const string Vector = """
        01020304                          # 0 device ID
        C0000201                          # 4 legacy IPv4 192.0.2.1
        001B213C4D5E                      # 8 MAC address
        01 5A                             # 14 has-IPv6 flag, 15 reserved
        65A0B0C0 000A1B2C                 # 16 event second, 20 event microsecond
        000003E9 00000007                 # 24 event type 1001, 28 subtype 7
        00000011 00000022                 # 32 file number, 36 file position
        20010DB8000000000000000000010002  # 40 host IPv6 2001:db8::1:2
        """;
}

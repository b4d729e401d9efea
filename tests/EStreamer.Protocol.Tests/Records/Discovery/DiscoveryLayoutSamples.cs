using System.Net;
using EStreamer.Protocol.Records.Layouts;

namespace EStreamer.Protocol.Tests.Records.Discovery;

/// <summary>
/// One sample per series-1 block of the declared discovery layouts: values that differ in every field
/// (one item in every list, text never empty) and the block's bytes written by hand. Offsets in the
/// comments are relative to the block start (+0 is the block type). The host profile reuses the smaller
/// blocks, so each block's bytes are written once.
/// </summary>
internal static class DiscoveryLayoutSamples
{
    public static FieldValues Server() => new FieldValues()
        .Set("port", 80)
        .Set("hits", 0x11)
        .Set("last-used", 0x65A0B0D1)
        .Set("server-information", Items(new FieldValues()
            .Set("application-id", 0x2A6)
            .Set("vendor", "Apache")
            .Set("version", "2.4")
            .Set("last-used", 0x65A0B0D2)
            .Set("source-type", 1)
            .Set("source-id", 0x21)
            .Set("sub-servers", Items(new FieldValues().Set("name", "mod_ssl").Set("vendor", "ASF").Set("version", "2.4.1")))))
        .Set("confidence", 90)
        .Set("web-applications", Items(new FieldValues().Set("application-id", 0xB2C)));

    public const string ServerHex = """
        00000067 0000009A                 # +0 block 103 (server), length 154
        0050                              # +8 port 80
        00000011                          # +10 hits
        65A0B0D1                          # +14 last used
        0000000B 00000070                 # +18 server information list, length 112
        00000075 00000068                 #   +0 block 117 (server information), length 104
        000002A6                          #   +8 application ID
        00000000 0000000E 417061636865    #   +12 vendor "Apache"
        00000000 0000000B 322E34          #   +26 version "2.4"
        65A0B0D2 00000001 00000021        #   +37 last used, source type, source ID
        0000000B 00000037                 #   +49 sub-server list, length 55
        00000001 0000002F                 #     +0 block 1 (sub-server), length 47
        00000000 0000000F 6D6F645F73736C  #     +8 name "mod_ssl"
        00000000 0000000B 415346          #     +23 vendor "ASF"
        00000000 0000000D 322E342E31      #     +34 version "2.4.1"
        0000005A                          # +130 confidence 90
        0000000B 00000014                 # +134 web application list, length 20
        0000007B 0000000C 00000B2C        #   block 123, application ID
        """;

    /// <summary>A second server for the host profile's UDP list, so that its values differ from the TCP one.</summary>
    public static FieldValues UdpServer() => new FieldValues()
        .Set("port", 53)
        .Set("hits", 0x22)
        .Set("last-used", 0x65A0B0F1)
        .Set("server-information", Items(new FieldValues()
            .Set("application-id", 0x28B)
            .Set("vendor", "ISC")
            .Set("version", "9.16")
            .Set("last-used", 0x65A0B0F2)
            .Set("source-type", 4)
            .Set("source-id", 0x44)
            .Set("sub-servers", Items(new FieldValues().Set("name", "rndc").Set("vendor", "isc").Set("version", "9")))))
        .Set("confidence", 0x46)
        .Set("web-applications", Items(new FieldValues().Set("application-id", 0xE0F)));

    public const string UdpServerHex = """
        00000067 00000091                 # +0 block 103 (server), length 145
        0035 00000022 65A0B0F1            # +8 port 53, hits, last used
        0000000B 00000067                 # +18 server information list, length 103
        00000075 0000005F                 #   block 117, length 95
        0000028B                          #   application ID
        00000000 0000000B 495343          #   vendor "ISC"
        00000000 0000000C 392E3136        #   version "9.16"
        65A0B0F2 00000004 00000044        #   last used, source type, source ID
        0000000B 00000030                 #   sub-server list, length 48
        00000001 00000028                 #     block 1, length 40
        00000000 0000000C 726E6463        #     name "rndc"
        00000000 0000000B 697363          #     vendor "isc"
        00000000 00000009 39              #     version "9"
        00000046                          # +121 confidence
        0000000B 00000014                 # +125 web application list
        0000007B 0000000C 00000E0F        #   block 123, application ID
        """;

    public static FieldValues ClientApplication() => new FieldValues()
        .Set("hits", 7)
        .Set("last-used", 0x65A0B0E1)
        .Set("application-id", 0xF3C)
        .Set("application-protocol-id", 0x29A)
        .Set("version", "118.0")
        .Set("web-applications", Items(new FieldValues().Set("application-id", 0xD05)));

    public const string ClientApplicationHex = """
        0000007A 00000039                 # +0 block 122 (client application), length 57
        00000007 65A0B0E1                 # +8 hits, last used
        00000F3C 0000029A                 # +16 application ID, application protocol ID
        00000000 0000000D 3131382E30      # +24 version "118.0"
        0000000B 00000014                 # +37 web application list
        0000007B 0000000C 00000D05        #   block 123, application ID
        """;

    public static FieldValues OperatingSystem() => new FieldValues()
        .Set("confidence", 80)
        .Set("fingerprint-uuid", Guid.Parse("0d1e2f30-4152-6374-8596-a7b8c9dae0f1"));

    public const string OperatingSystemHex = """
        00000035 0000001C                 # +0 block 53 (operating system), length 28
        00000050                          # +8 confidence 80
        0D1E2F30415263748596A7B8C9DAE0F1  # +12 fingerprint UUID
        """;

    public static FieldValues Vlan() => new FieldValues().Set("vlan-id", 0x123).Set("type", 1).Set("priority", 5);

    public const string VlanHex = """
        0000000E 0000000C                 # +0 block 14 (VLAN), length 12
        0123 01 05                        # +8 VLAN ID, type, priority
        """;

    public static FieldValues NetBiosName() => new FieldValues().Set("value", "WKSTN-07");

    public const string NetBiosNameHex = """
        00000023 00000018                 # +0 block 35 (string information), length 24
        00000000 00000010 574B53544E2D3037  # +8 string "WKSTN-07"
        """;

    public static FieldValues Banner() => new FieldValues()
        .Set("port", 22)
        .Set("protocol", 6)
        .Set("banner", "SSH-2.0-x"u8.ToArray());

    public const string BannerHex = """
        00000025 0000001C                 # +0 block 37 (server banner), length 28
        0016 06                           # +8 port 22, protocol 6
        0000000A 00000011 5353482D322E302D78  # +11 BLOB "SSH-2.0-x"
        """;

    public static FieldValues AttributeDefinition() => new FieldValues()
        .Set("source-id", 3)
        .Set("uuid", Guid.Parse("a1b2c3d4-e5f6-0718-293a-4b5c6d7e8f90"))
        .Set("attribute-id", 9)
        .Set("name", "Owner")
        .Set("attribute-type", 2)
        .Set("category", 4)
        .Set("range-start", 0x10)
        .Set("range-end", 0x63)
        .Set("auto-assign-ip-address", IPAddress.Parse("10.20.30.40"))
        .Set("list-items", Items(new FieldValues().Set("attribute-id", 0xA).Set("name", "Ops")))
        .Set("addresses", Items(new FieldValues().Set("attribute-id", 0xB).Set("ip-address", IPAddress.Parse("2001:db8::a:b")).Set("bits", 64)));

    public const string AttributeDefinitionHex = """
        00000037 00000088                 # +0 block 55 (attribute definition), length 136
        00000003                          # +8 source ID
        A1B2C3D4E5F60718293A4B5C6D7E8F90  # +12 UUID
        00000009                          # +28 attribute ID
        00000000 0000000D 4F776E6572      # +32 name "Owner"
        00000002 00000004                 # +45 attribute type, category
        00000010 00000063                 # +53 range start, range end
        0A141E28                          # +61 auto-assign IP address 10.20.30.40
        0000000B 0000001F                 # +65 list item list, length 31
        00000027 00000017 0000000A        #   block 39 (list item), length 23, attribute ID
        00000000 0000000B 4F7073          #   name "Ops"
        0000000B 00000028                 # +96 address list, length 40
        00000092 00000020 0000000B        #   block 146 (attribute address), length 32, attribute ID
        20010DB80000000000000000000A000B  #   IP address 2001:db8::a:b
        00000040                          #   bits 64
        """;

    public static FieldValues ConnectionChunk() => new FieldValues()
        .Set("initiator-ip-address", IPAddress.Parse("192.0.2.10"))
        .Set("responder-ip-address", IPAddress.Parse("198.51.100.20"))
        .Set("start-time", 0x65A0B100)
        .Set("application-protocol-id", 0x44)
        .Set("responder-port", 443)
        .Set("protocol", 6)
        .Set("connection-type", 2)
        .Set("netflow-detector-ip-address", IPAddress.Parse("203.0.113.5"))
        .Set("packets-sent", 0x101UL)
        .Set("packets-received", 0x202UL)
        .Set("bytes-sent", 0x30303UL)
        .Set("bytes-received", 0x40404UL)
        .Set("connections", 7);

    public const string ConnectionChunkHex = """
        00000088 00000044                 # +0 block 136 (connection chunk), length 68
        C000020A C6336414                 # +8 initiator 192.0.2.10, responder 198.51.100.20
        65A0B100 00000044                 # +16 start time, application protocol ID
        01BB 06 02                        # +24 responder port 443, protocol 6, connection type 2
        CB007105                          # +28 NetFlow detector 203.0.113.5
        0000000000000101 0000000000000202 # +32 packets sent, received
        0000000000030303 0000000000040404 # +48 bytes sent, received
        00000007                          # +64 connections
        """;

    public static FieldValues Identity() => new FieldValues()
        .Set("source-type", 2)
        .Set("source-id", 0x13)
        .Set("uuid", Guid.Parse("b0c1d2e3-f405-1627-3849-5a6b7c8d9eaf"))
        .Set("port", 53)
        .Set("protocol", 17)
        .Set("server-map-id", 0x1234);

    public const string IdentityHex = """
        0000005E 00000028                 # +0 block 94 (identity), length 40
        00000002 00000013                 # +8 source type, source ID
        B0C1D2E3F405162738495A6B7C8D9EAF  # +16 UUID
        0035 0011                         # +32 port 53, protocol 17
        00001234                          # +36 server map ID
        """;

    public static FieldValues Ioc() => new FieldValues().Set("value", 0x3F2);

    public const string IocHex = """
        00000007 0000000C 000003F2        # +0 block 7 (integer), length 12, value
        """;

    /// <summary>Fingerprint <paramref name="n"/> (0–9): every value carries n, so the nine lists of a host profile differ.</summary>
    public static FieldValues Fingerprint(int n) => new FieldValues()
        .Set("fingerprint-uuid", Guid.Parse($"f{n}0a0b0c-1d2e-3f40-5162-738495a6b7c8"))
        .Set("fingerprint-type", 0x100 + n)
        .Set("source-type", 0x200 + n)
        .Set("source-id", 0x300 + n)
        .Set("last-seen", 0x65A0C000 + n)
        .Set("ttl-difference", 0x40 + n)
        .Set("mobile-devices", Items(new FieldValues()
            .Set("hardware", $"hw{n}")
            .Set("last-seen", 0x65A0D000 + n)
            .Set("mobile", 0x600 + n)
            .Set("jailbroken", 0x700 + n)));

    public static string FingerprintHex(int n) => $"""
        00000082 00000050                 # +0 block 130 (fingerprint), length 80
        F{n}0A0B0C1D2E3F405162738495A6B7C8  # +8 fingerprint UUID
        0000010{n} 0000020{n} 0000030{n}     # +24 fingerprint type, source type, source ID
        65A0C00{n} 4{n}                      # +36 last seen, +40 TTL difference
        0000000B 00000027                 # +41 mobile device list, length 39
        00000083 0000001F                 #   block 131 (mobile device), length 31
        00000000 0000000B 68773{n}          #   hardware "hw{n}"
        65A0D00{n} 0000060{n} 0000070{n}     #   last seen, mobile, jailbroken
        """;

    private static readonly string[] FingerprintLists =
    [
        "server", "client", "smb", "dhcp", "mobile-device", "ipv6-server", "ipv6-client", "ipv6-dhcp", "user-agent",
    ];

    public static FieldValues HostProfile()
    {
        var profile = new FieldValues()
            .Set("ip-address", IPAddress.Parse("2001:db8::10"))
            .Set("hops", 3)
            .Set("primary-secondary", 4);
        for (var i = 0; i < FingerprintLists.Length; i++)
        {
            profile.Set($"{FingerprintLists[i]}-fingerprints", Items(Fingerprint(i + 1)));
        }

        return profile
            .Set("tcp-servers", Items(Server()))
            .Set("udp-servers", Items(UdpServer()))
            .Set("network-protocols", Items(new FieldValues().Set("protocol", 0x800)))
            .Set("transport-protocols", Items(new FieldValues().Set("protocol", 6)))
            .Set("mac-addresses", Items(new FieldValues()
                .Set("ttl", 0x40)
                .Set("mac-address", new byte[] { 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F })
                .Set("primary", 1)
                .Set("last-seen", 0x65A0B0C1)))
            .Set("last-seen", 0x65A0B200)
            .Set("host-type", 0xA)
            .Set("mobile", 5)
            .Set("jailbroken", 6)
            .Set("vlan-presence", 7)
            .Set("vlan-id", 0xABC)
            .Set("vlan-type", 8)
            .Set("vlan-priority", 9)
            .Set("client-applications", Items(new FieldValues()
                .Set("hits", 0x31)
                .Set("last-used", 0x65A0B301)
                .Set("application-id", 0xA1B)
                .Set("version", "3.1")
                .Set("web-applications", Items(new FieldValues().Set("application-id", 0xC0D)))
                .Set("vulnerabilities", Items(new FieldValues().Set("vulnerability-id", 0xBEEF).Set("invalid-flags", 1).Set("type", 2)))))
            .Set("netbios-name", "HOST-10");
    }

    public static string HostProfileHex()
    {
        var fingerprintLists = string.Concat(Enumerable.Range(1, 9).Select(n => $"""

            0000000B 00000058                 # fingerprint list {n}, length 88
            {FingerprintHex(n)}
            """));
        return $"""
            0000008B 0000051F                 # +0 block 139 (host profile), length 1311
            20010DB8000000000000000000000010  # +8 IP address 2001:db8::10
            03 04                             # +24 hops, primary/secondary
            {fingerprintLists}
            0000000B 000000A2                 # +818 TCP server list, length 162
            {ServerHex}
            0000000B 00000099                 # +980 UDP server list, length 153
            {UdpServerHex}
            0000000B 00000012                 # +1133 network protocol list, length 18
            00000004 0000000A 0800            #   block 4 (protocol), length 10, IPv4
            0000000B 00000012                 # +1151 transport protocol list
            00000004 0000000A 0006            #   block 4, TCP
            0000000B 0000001C                 # +1169 MAC address list, length 28
            0000005F 00000014                 #   block 95 (host MAC address), length 20
            40 0A0B0C0D0E0F 01 65A0B0C1       #   TTL, MAC, primary, last seen
            65A0B200 0000000A                 # +1197 last seen, host type
            05 06                             # +1205 mobile, jailbroken
            07 0ABC 08 09                     # +1207 VLAN presence, VLAN ID, type, priority
            0000000B 00000054                 # +1212 client application list, length 84
            00000070 0000004C                 #   block 112 (host client application), length 76
            00000031 65A0B301 00000A1B        #   hits, last used, application ID
            00000000 0000000B 332E31          #   version "3.1"
            0000000B 00000014                 #   web application list
            0000007B 0000000C 00000C0D        #     block 123, application ID
            0000000B 00000019                 #   vulnerability list, length 25
            00000055 00000011                 #     block 85 (host vulnerability), length 17
            0000BEEF 01 00000002              #     vulnerability ID, invalid flags, type
            00000000 0000000F 484F53542D3130  # +1296 NetBIOS name "HOST-10"
            """;
    }

    private static IReadOnlyList<FieldValues> Items(params FieldValues[] items) => items;
}

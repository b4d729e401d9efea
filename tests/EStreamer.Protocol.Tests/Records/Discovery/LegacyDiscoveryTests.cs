using System.Net;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Negotiation;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Discovery;

namespace EStreamer.Protocol.Tests.Records.Discovery;

/// <summary>
/// Discovery versions 1–5 (request flag bits 3, 7, 10, 17, 24): the stored records go out behind the
/// 40-byte header without the IPv6 slot, and record 29 with a 4-byte address (Perl SDK record table).
/// </summary>
public sealed class LegacyDiscoveryTests
{
    // A stored header as the emulator writes it: IPv6 slot present, host in it, legacy field empty.
    private static readonly DiscoveryHeader Stored = new()
    {
        DeviceId = 0x01020304,
        LegacyIPv4 = IPAddress.Any,
        MacAddress = new byte[] { 0x00, 0x1B, 0x21, 0x3C, 0x4D, 0x5E },
        HasIPv6 = 1,
        Reserved = 0x5A,
        EventSecond = 0x65A0B0C0,
        EventMicrosecond = 0x000A1B2C,
        EventType = DiscoveryEventType.ChangeEvent,
        EventSubtype = 5,
        FileNumber = 0x11,
        FilePosition = 0x22,
        HostIp = IPAddress.Parse("198.51.100.7"),
    };

    private const string LegacyHeader = """
        01020304                          # 0 device ID
        C6336407                          # 4 host IPv4 198.51.100.7, moved from the IPv6 slot
        001B213C4D5E                      # 8 MAC address
        0000                              # 14 reserved (no has-IPv6 flag in this form)
        65A0B0C0 000A1B2C                 # 16 event second, 20 event microsecond
        000003E9 00000005                 # 24 event type 1001, 28 subtype 5
        00000011 00000022                 # 32 file number, 36 file position
        """;

    [Test]
    public void Hops_change_goes_out_behind_the_40_byte_header()
    {
        var shaped = Negotiated(RequestFlags.DiscoveryV5).Shape(new HostValueRecord(RecordType.HopsChange, Stored, 3));
        var bytes = RecordCodec.WriteBody(shaped);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Hex.Parse(LegacyHeader + "\n03  # 40 hops"))));
            Assert.That(RecordCodec.ReadBody(RecordType.HopsChange, bytes), Is.EqualTo(shaped));
        }
    }

    [Test]
    public void Host_IP_changed_carries_a_4_byte_address()
    {
        var stored = new HostIpChangedRecord(Stored with { EventSubtype = 1 }, IPAddress.Parse("203.0.113.9"));
        var shaped = Negotiated(RequestFlags.DiscoveryV1).Shape(stored);
        var bytes = RecordCodec.WriteBody(shaped);
        var expected = LegacyHeader.Replace("000003E9 00000005", "000003E9 00000001", StringComparison.Ordinal) + "\nCB007109  # 40 new IPv4 203.0.113.9";
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Hex.Parse(expected))));
            Assert.That(RecordCodec.ReadBody(RecordType.HostIpAddressChanged, bytes), Is.EqualTo(shaped));
        }
    }

    [Test]
    public void MAC_record_keeps_block_95_behind_the_legacy_header()
    {
        var stored = new MacAddressRecord(RecordType.AdditionalMacDetected, Stored, 0x40, new byte[] { 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F }, 1, 0x65A0B0C1);
        var bytes = RecordCodec.WriteBody(Negotiated(RequestFlags.DiscoveryV3).Shape(stored));
        Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Hex.Parse(LegacyHeader + """

            0000005F 00000014                 # 40 block 95, length 20
            40 0A0B0C0D0E0F 01 65A0B0C1       # 48 TTL, 49 MAC, 55 primary, 56 last seen
            """))));
    }

    [Test]
    public void Extended_request_for_version_11_keeps_the_IPv6_slot()
    {
        var requested = RequestedVersions.FromFlags(RequestFlags.DiscoveryV5);
        requested.Add(EventFamily.Discovery, 11);
        var negotiation = StreamNegotiation.Negotiate(requested, ClientProfile.Auto, sentStreamingRequest: true, _ => true);
        var shaped = negotiation.Shape(new HostValueRecord(RecordType.HopsChange, Stored, 3));
        Assert.That(RecordCodec.WriteBody(shaped), Has.Length.EqualTo(DiscoveryHeader.Size + 1));
    }

    [Test]
    public void IPv6_only_host_leaves_the_4_byte_field_empty()
    {
        var legacy = (Stored with { HostIp = IPAddress.Parse("2001:db8::9") }).WithoutIPv6Slot();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(legacy.LegacyIPv4, Is.EqualTo(IPAddress.Any));
            Assert.That(legacy.HasIPv6, Is.Zero);
        }
    }

    private static StreamNegotiation Negotiated(RequestFlags flags) =>
        StreamNegotiation.Negotiate(RequestedVersions.FromFlags(flags), ClientProfile.Auto, sentStreamingRequest: false, _ => true);
}

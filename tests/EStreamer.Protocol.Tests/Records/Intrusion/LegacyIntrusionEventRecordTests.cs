using System.Net;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Intrusion;

namespace EStreamer.Protocol.Tests.Records.Intrusion;

/// <summary>
/// Legacy intrusion event records 104 and 105 (the guide's 4.9–4.10.x layouts, sent for request flag bits
/// 2 and 6), against vectors written from the guide's field tables.
/// </summary>
public sealed class LegacyIntrusionEventRecordTests
{
    // Every field distinct so that a swapped or shifted field cannot pass.
    private static readonly LegacyIntrusionEventRecord IPv4Sample = new()
    {
        RecordType = RecordType.IntrusionEventVlan,
        DeviceId = 0x0A0B0C0D,
        EventId = 0x00000102,
        EventSecond = 0x65A0B0C0,
        EventMicrosecond = 0x000A1B2C,
        RuleId = 1_000_001,
        GeneratorId = 1,
        RuleRevision = 3,
        ClassificationId = 0x1E,
        PriorityId = 2,
        SourceIp = IPAddress.Parse("192.0.2.10"),
        DestinationIp = IPAddress.Parse("198.51.100.20"),
        SourcePortOrIcmpType = 54321,
        DestinationPortOrIcmpCode = 80,
        IpProtocol = 6,
        ImpactFlags = 0x07,
        Impact = 2,
        Blocked = 1,
        MplsLabel = 0x00000ABC,
        VlanId = 100,
        Padding = 0x0DEF,
    };

    private const string IPv4Vector = """
        0A0B0C0D 00000102                 # 0 device ID, 4 event ID
        65A0B0C0 000A1B2C                 # 8 event second, 12 event microsecond
        000F4241 00000001 00000003        # 16 rule ID 1000001, 20 generator 1, 24 revision 3
        0000001E 00000002                 # 28 classification 30, 32 priority 2
        C000020A                          # 36 source IPv4 192.0.2.10
        C6336414                          # 40 destination IPv4 198.51.100.20
        D431 0050                         # 44 source port 54321, 46 destination port 80
        06 07 02 01                       # 48 protocol TCP, 49 impact flags, 50 impact, 51 blocked
        00000ABC                          # 52 reserved (MPLS label)
        0064 0DEF                         # 56 VLAN 100, 58 pad
        """;

    private const string IPv6Vector = """
        0A0B0C0D 00000102                 # 0 device ID, 4 event ID
        65A0B0C0 000A1B2C                 # 8 event second, 12 event microsecond
        000F4241 00000001 00000003        # 16 rule ID 1000001, 20 generator 1, 24 revision 3
        0000001E 00000002                 # 28 classification 30, 32 priority 2
        20010DB8000000000000000000000010  # 36 source IPv6 2001:db8::10
        20010DB8000000000000000000000020  # 52 destination IPv6 2001:db8::20
        D431 0050                         # 68 source port, 70 destination port
        06 07 02 01                       # 72 protocol, 73 impact flags, 74 impact, 75 blocked
        00000ABC                          # 76 reserved (MPLS label)
        0064 0DEF                         # 80 VLAN 100, 82 pad
        """;

    private static readonly LegacyIntrusionEventRecord IPv6Sample = IPv4Sample with
    {
        RecordType = RecordType.IntrusionEventIPv6Vlan,
        SourceIp = IPAddress.Parse("2001:db8::10"),
        DestinationIp = IPAddress.Parse("2001:db8::20"),
    };

    [Test]
    public void Record_104_matches_the_guide_layout()
    {
        var bytes = RecordCodec.WriteBody(IPv4Sample);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Hex.Parse(IPv4Vector))));
            Assert.That(bytes, Has.Length.EqualTo(LegacyIntrusionEventRecord.IPv4Size));
            Assert.That(RecordCodec.ReadBody(RecordType.IntrusionEventVlan, bytes), Is.EqualTo(IPv4Sample));
        }
    }

    [Test]
    public void Record_105_matches_the_guide_layout()
    {
        var bytes = RecordCodec.WriteBody(IPv6Sample);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Hex.Parse(IPv6Vector))));
            Assert.That(bytes, Has.Length.EqualTo(LegacyIntrusionEventRecord.IPv6Size));
            Assert.That(RecordCodec.ReadBody(RecordType.IntrusionEventIPv6Vlan, bytes), Is.EqualTo(IPv6Sample));
        }
    }

    [Test]
    public void Stored_event_with_IPv4_addresses_becomes_record_104_with_its_common_fields()
    {
        var stored = new IntrusionEventRecord
        {
            DeviceId = 0x0A0B0C0D,
            EventId = 0x00000102,
            EventSecond = 0x65A0B0C0,
            EventMicrosecond = 0x000A1B2C,
            RuleId = 1_000_001,
            GeneratorId = 1,
            RuleRevision = 3,
            ClassificationId = 0x1E,
            PriorityId = 2,
            SourceIp = IPAddress.Parse("::ffff:192.0.2.10"),
            DestinationIp = IPAddress.Parse("198.51.100.20"),
            SourcePortOrIcmpType = 54321,
            DestinationPortOrIcmpCode = 80,
            IpProtocol = 6,
            ImpactFlags = 0x07,
            Impact = 2,
            Blocked = 1,
            BlockedReason = 9,
            MplsLabel = 0x00000ABC,
            VlanId = 100,
            Padding = 0x0DEF,
            UserId = 77,
            HttpUri = "/not-in-the-legacy-layout",
        };

        var legacy = LegacyIntrusionEventRecord.From(stored);
        Assert.That(Hex.Format(RecordCodec.WriteBody(legacy)), Is.EqualTo(Hex.Format(Hex.Parse(IPv4Vector))));
    }

    [Test]
    public void Stored_event_with_an_IPv6_address_becomes_record_105()
    {
        var stored = new IntrusionEventRecord
        {
            SourceIp = IPAddress.Parse("192.0.2.10"),
            DestinationIp = IPAddress.Parse("2001:db8::20"),
        };

        var legacy = LegacyIntrusionEventRecord.From(stored);
        var bytes = RecordCodec.WriteBody(legacy);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(legacy.RecordType, Is.EqualTo(RecordType.IntrusionEventIPv6Vlan));
            Assert.That(bytes, Has.Length.EqualTo(LegacyIntrusionEventRecord.IPv6Size));
            Assert.That(Hex.Format(bytes.AsSpan(36, 16)), Is.EqualTo("00000000000000000000FFFFC000020A"), "IPv4 travels IPv4-mapped in the 16-byte slot");
        }
    }

    [Test]
    public void Record_cut_inside_the_VLAN_ID_names_it()
    {
        var bytes = Hex.Parse(IPv4Vector)[..57];
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.IntrusionEventVlan, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("VLAN ID"));
            Assert.That(error.Offset, Is.EqualTo(56));
        }
    }

    [Test]
    public void Other_record_types_are_refused()
    {
        Assert.That(() => IPv4Sample with { RecordType = RecordType.IntrusionEvent }, Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}

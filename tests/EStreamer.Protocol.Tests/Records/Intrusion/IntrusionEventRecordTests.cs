using System.Net;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Intrusion;

namespace EStreamer.Protocol.Tests.Records.Intrusion;

/// <summary>Record 400 in its three layouts, against vectors written from reference 11.6 and 11.16.</summary>
public sealed class IntrusionEventRecordTests
{
    // Every field distinct so that a swapped or shifted field cannot pass.
    private static readonly IntrusionEventRecord Sample = new()
    {
        BlockType = IntrusionEventRecord.Block60,
        DeviceId = 0x01010101,
        EventId = 0x02020202,
        EventSecond = 0x03030303,
        EventMicrosecond = 0x04040404,
        RuleId = 1_000_001,
        GeneratorId = 1,
        RuleRevision = 3,
        ClassificationId = 0x05,
        PriorityId = 0x06,
        SourceIp = IPAddress.Parse("10.1.2.3"),
        DestinationIp = IPAddress.Parse("2001:db8::7"),
        SourcePortOrIcmpType = 0x1234,
        DestinationPortOrIcmpCode = 0x0050,
        IpProtocol = 6,
        ImpactFlags = 0x07,
        Impact = 2,
        Blocked = 1,
        BlockedReason = 4,
        MplsLabel = 0x08080808,
        VlanId = 0x0909,
        IntrusionPolicyUuid = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"),
        UserId = 0x0A0A0A0A,
        WebApplicationId = 0x0B0B0B0B,
        ClientApplicationId = 0x0C0C0C0C,
        ApplicationProtocolId = 0x0D0D0D0D,
        AccessControlRuleId = 0x0E0E0E0E,
        AccessControlPolicyUuid = Guid.Parse("10000000-0000-0000-0000-000000000001"),
        IngressInterfaceUuid = Guid.Parse("20000000-0000-0000-0000-000000000002"),
        EgressInterfaceUuid = Guid.Parse("30000000-0000-0000-0000-000000000003"),
        IngressZoneUuid = Guid.Parse("40000000-0000-0000-0000-000000000004"),
        EgressZoneUuid = Guid.Parse("50000000-0000-0000-0000-000000000005"),
        ConnectionTimestamp = 0x0F0F0F0F,
        ConnectionInstanceId = 0x1111,
        ConnectionCounter = 0x1212,
        SourceCountry = 0x1313,
        DestinationCountry = 0x1414,
        IocNumber = 0x1515,
        SecurityContext = Enumerable.Repeat((byte)0x16, 16).ToArray(),
        SslCertificateFingerprint = Enumerable.Repeat((byte)0x17, 20).ToArray(),
        SslActualAction = 0x1818,
        SslFlowStatus = 0x1919,
        NetworkAnalysisPolicyUuid = Guid.Parse("60000000-0000-0000-0000-000000000006"),
        HttpResponseCode = 200,
        IngressVrf = "in",
        EgressVrf = "out",
        SnortVersion = 3,
        OriginalClientIp = IPAddress.Parse("192.0.2.9"),
        HttpHostname = "h",
        HttpUri = "/u",
        SmtpAttachmentFileNames = "a",
        SmtpMailFrom = "f",
        SmtpHeaders = "x",
        SmtpRcptTo = "t",
    };

    // Offsets 8–83 are the same in all three blocks (reference 11.16).
    private const string CommonHead = """
        01010101 02020202 03030303 04040404   # 8 device, 12 event ID, 16 second, 20 microsecond
        000F4241 00000001 00000003            # 24 rule ID 1000001, 28 gid 1, 32 revision 3
        00000005 00000006                     # 36 classification, 40 priority
        00000000000000000000FFFF0A010203      # 44 source IP, IPv4-mapped
        20010DB8000000000000000000000007      # 60 destination IP
        1234 0050 06 07 02 01                 # 76 sport, 78 dport, 80 proto, 81 impact flags, 82 impact, 83 blocked
        """;

    private const string CommonTail = """
        08080808 0909 0000                    # MPLS, VLAN, padding
        00112233445566778899AABBCCDDEEFF      # intrusion policy UUID, RFC 4122 order
        0A0A0A0A 0B0B0B0B 0C0C0C0C 0D0D0D0D 0E0E0E0E   # user, web app, client app, app protocol, AC rule
        10000000000000000000000000000001      # AC policy UUID
        20000000000000000000000000000002      # ingress interface
        30000000000000000000000000000003      # egress interface
        40000000000000000000000000000004      # ingress zone
        50000000000000000000000000000005      # egress zone
        0F0F0F0F 1111 1212 1313 1414 1515     # connection time, instance, counter, countries, IOC
        16161616161616161616161616161616      # security context
        1717171717171717171717171717171717171717   # SSL fingerprint
        1818 1919                             # SSL actual action, flow status
        60000000000000000000000000000006      # network analysis policy UUID
        000000C8                              # HTTP response code 200
        """;

    private const string Block60Vector = "0000003C 0000011A\n" + CommonHead + "\n" + CommonTail;

    private const string Block81Vector = "00000051 00000131\n" + CommonHead + "\n04   # 84 blocked reason\n" + CommonTail + "\n" + """
        00000000 0000000A 696E                # ingress VRF "in"
        00000000 0000000B 6F7574              # egress VRF "out"
        03                                    # Snort version
        """;

    private const string Block85Vector = "00000055 00000178\n" + CommonHead + "\n04\n" + CommonTail + "\n" + """
        00000000 0000000A 696E 00000000 0000000B 6F7574 03
        00000000000000000000FFFFC0000209      # original client IP
        00000000 00000009 68                  # HTTP host "h"
        00000000 0000000A 2F75                # HTTP URI "/u"
        00000000 00000009 61                  # SMTP attachments "a"
        00000000 00000009 66                  # MAIL FROM "f"
        00000000 00000009 78                  # SMTP headers "x"
        00000000 00000009 74                  # RCPT TO "t"
        """;

    private static IEnumerable<TestCaseData> Layouts()
    {
        yield return new TestCaseData(IntrusionEventRecord.Block60, Block60Vector, 282).SetName("Block 60 (version 9)");
        yield return new TestCaseData(IntrusionEventRecord.Block81, Block81Vector, 300 + 2 + 3).SetName("Block 81 (version 10)");
        yield return new TestCaseData(IntrusionEventRecord.Block85, Block85Vector, 364 + 2 + 3 + 1 + 2 + 1 + 1 + 1 + 1).SetName("Block 85 (version 11)");
    }

    [TestCaseSource(nameof(Layouts))]
    public void Encoder_writes_the_golden_bytes(uint blockType, string hex, int expectedLength)
    {
        var bytes = RecordCodec.WriteBody(Sample.WithBlockType(blockType));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Hex.Parse(hex))));
            Assert.That(bytes, Has.Length.EqualTo(expectedLength));
        }
    }

    [TestCaseSource(nameof(Layouts))]
    public void Decoder_reads_the_golden_bytes_back(uint blockType, string hex, int expectedLength)
    {
        var decoded = (IntrusionEventRecord)RecordCodec.ReadBody(RecordType.IntrusionEvent, Hex.Parse(hex));
        Assert.That(decoded, Is.EqualTo(Expected(blockType)));
    }

    [Test]
    public void Block_60_with_empty_fields_is_282_bytes_as_the_reference_states()
    {
        Assert.That(RecordCodec.WriteBody(new IntrusionEventRecord { BlockType = 60 }), Has.Length.EqualTo(282));
    }

    [TestCase(81u, 300)]
    [TestCase(85u, 364)]
    public void Newer_blocks_with_empty_strings_have_the_reference_minimum_size(uint blockType, int size)
    {
        Assert.That(RecordCodec.WriteBody(new IntrusionEventRecord { BlockType = blockType }), Has.Length.EqualTo(size));
    }

    [Test]
    public void Unknown_block_type_is_a_protocol_error_naming_the_field()
    {
        var bytes = Hex.Parse("00000063 00000008");
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.IntrusionEvent, bytes));
        Assert.That(error!.Field, Is.EqualTo("intrusion event block type"));
    }

    [Test]
    public void Block_length_overrunning_the_record_is_refused()
    {
        var bytes = Hex.Parse(Block60Vector)[..100];
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.IntrusionEvent, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("intrusion event block"));
            Assert.That(error.Offset, Is.Zero);
            Assert.That(error.Reason, Does.Contain("overruns"));
        }
    }

    // Fields a layout does not carry decode as their defaults.
    private static IntrusionEventRecord Expected(uint blockType) => blockType switch
    {
        IntrusionEventRecord.Block60 => Sample with
        {
            BlockType = 60, BlockedReason = 0, IngressVrf = "", EgressVrf = "", SnortVersion = 0,
            OriginalClientIp = IPAddress.IPv6Any, HttpHostname = "", HttpUri = "", SmtpAttachmentFileNames = "",
            SmtpMailFrom = "", SmtpHeaders = "", SmtpRcptTo = "",
        },
        IntrusionEventRecord.Block81 => Sample with
        {
            BlockType = 81, OriginalClientIp = IPAddress.IPv6Any, HttpHostname = "", HttpUri = "",
            SmtpAttachmentFileNames = "", SmtpMailFrom = "", SmtpHeaders = "", SmtpRcptTo = "",
        },
        _ => Sample with { BlockType = 85 },
    };
}

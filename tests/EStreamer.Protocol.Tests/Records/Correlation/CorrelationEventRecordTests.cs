using System.Buffers.Binary;
using System.Net;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Correlation;

namespace EStreamer.Protocol.Tests.Records.Correlation;

/// <summary>Record 112, series-1 block 156, against a vector written by hand from the prose of reference 11.13.</summary>
public sealed class CorrelationEventRecordTests
{
    // Every field distinct and non-zero so that a swapped, shifted or dropped field cannot pass.
    private static readonly CorrelationEventRecord Sample = new()
    {
        DeviceId = 0x0C0C0C01,
        EventSecond = 0x5F5E2000,
        EventId = 0x0C0C0C02,
        PolicyId = 0x0C0C0C03,
        RuleId = 0x0C0C0C04,
        Priority = 0x0C0C0C05,
        Description = "scan",
        EventType = 0x21,
        EventDeviceId = 0x0D0D0D01,
        SignatureId = 1_000_001,
        SignatureGeneratorId = 1,
        TriggerEventSecond = 0x5F5E1F00,
        TriggerEventMicrosecond = 123_456,
        DeviceEventId = 0x0D0D0D02,
        EventDefinedMask = 0x0D0D0D03,
        ImpactFlags = 0x22,
        IpProtocol = 17,
        NetworkProtocol = 0x0800,
        SourceIPv4 = IPAddress.Parse("192.0.2.10"),
        SourceHostType = 0x23,
        SourceVlanId = 0x0024,
        SourceOsFingerprintUuid = Guid.Parse("c1000000-0000-0000-0000-0000000000c1"),
        SourceCriticality = 0x0025,
        SourceUserId = 0x26262626,
        SourcePort = 53,
        SourceServerId = 0x27272727,
        DestinationIPv4 = IPAddress.Parse("198.51.100.20"),
        DestinationHostType = 0x28,
        DestinationVlanId = 0x0029,
        DestinationOsFingerprintUuid = Guid.Parse("c2000000-0000-0000-0000-0000000000c2"),
        DestinationCriticality = 0x002A,
        DestinationUserId = 0x2B2B2B2B,
        DestinationPort = 54321,
        DestinationServerId = 0x2C2C2C2C,
        Impact = 0x2D,
        Blocked = 0x2E,
        IntrusionPolicy = Guid.Parse("c3000000-0000-0000-0000-0000000000c3"),
        RuleAction = 0x2F2F2F2F,
        NetBiosName = "WS1",
        UrlCategory = 0x30303030,
        UrlReputation = 0x31313131,
        Url = "/x",
        ClientApplicationId = 0x32323232,
        ClientVersion = "7.1",
        AccessControlPolicyRevision = Guid.Parse("c4000000-0000-0000-0000-0000000000c4"),
        AccessControlRuleId = 0x33333333,
        IngressInterface = Guid.Parse("c5000000-0000-0000-0000-0000000000c5"),
        EgressInterface = Guid.Parse("c6000000-0000-0000-0000-0000000000c6"),
        IngressZone = Guid.Parse("c7000000-0000-0000-0000-0000000000c7"),
        EgressZone = Guid.Parse("c8000000-0000-0000-0000-0000000000c8"),
        SourceIp = IPAddress.Parse("2001:db8::10"),
        DestinationIp = IPAddress.Parse("10.9.8.7"),
        SourceCountry = 840,
        DestinationCountry = 276,
        SecurityIntelligenceUuid = Guid.Parse("c9000000-0000-0000-0000-0000000000c9"),
        SecurityContext = Sequence(0x40, 16),
        SslPolicyId = Sequence(0x50, 16),
        SslRuleId = 0x34343434,
        SslActualAction = 0x35353535,
        SslFlowStatus = 0x36363636,
        SslCertificateFingerprint = Sequence(0x60, 20),
    };

    // 401 bytes with empty strings, plus "scan" (4), "WS1" (3), "/x" (2) and "7.1" (3): 413 = 0x19D.
    private const string Vector = """
        0000009C 0000019D                     # 0 block type 156, 4 block length 413
        0C0C0C01                              # 8 device ID
        5F5E2000                              # 12 correlation event second
        0C0C0C02 0C0C0C03 0C0C0C04 0C0C0C05   # 16 event ID, 20 policy ID, 24 rule ID, 28 priority
        00000000 0000000C 7363616E            # 32 description "scan"
        21                                    # 44 event type
        0D0D0D01                              # 45 event device ID
        000F4241 00000001                     # 49 signature ID 1000001, 53 signature generator ID 1
        5F5E1F00 0001E240                     # 57 trigger event second, 61 microsecond 123456
        0D0D0D02 0D0D0D03                     # 65 device event ID, 69 event-defined mask
        22 11 0800                            # 73 impact flags, 74 IP protocol 17, 75 network protocol
        C000020A                              # 77 source IPv4 192.0.2.10 (unused slot)
        23 0024                               # 81 source host type, 82 source VLAN
        C10000000000000000000000000000C1      # 84 source OS fingerprint UUID
        0025 26262626 0035 27272727           # 100 source criticality, 102 user ID, 106 port 53, 108 server ID
        C6336414                              # 112 destination IPv4 198.51.100.20 (unused slot)
        28 0029                               # 116 destination host type, 117 destination VLAN
        C20000000000000000000000000000C2      # 119 destination OS fingerprint UUID
        002A 2B2B2B2B D431 2C2C2C2C           # 135 destination criticality, 137 user ID, 141 port 54321, 143 server ID
        2D 2E                                 # 147 impact, 148 blocked
        C30000000000000000000000000000C3      # 149 intrusion policy UUID
        2F2F2F2F                              # 165 rule action
        00000000 0000000B 575331              # 169 NetBIOS name "WS1"
        30303030 31313131                     # 180 URL category, 184 URL reputation
        00000000 0000000A 2F78                # 188 URL "/x"
        32323232                              # 198 client ID
        00000000 0000000B 372E31              # 202 client version "7.1"
        C40000000000000000000000000000C4      # 213 access-control policy revision
        33333333                              # 229 access-control rule ID
        C50000000000000000000000000000C5      # 233 ingress interface
        C60000000000000000000000000000C6      # 249 egress interface
        C70000000000000000000000000000C7      # 265 ingress zone
        C80000000000000000000000000000C8      # 281 egress zone
        20010DB8000000000000000000000010      # 297 source IPv6 2001:db8::10
        00000000000000000000FFFF0A090807      # 313 destination IPv6 10.9.8.7, IPv4-mapped
        0348 0114                             # 329 source country 840, 331 destination country 276
        C90000000000000000000000000000C9      # 333 security-intelligence UUID
        404142434445464748494A4B4C4D4E4F      # 349 security context
        505152535455565758595A5B5C5D5E5F      # 365 SSL policy ID
        34343434 35353535 36363636            # 381 SSL rule ID, 385 SSL actual action, 389 SSL flow status
        606162636465666768696A6B6C6D6E6F70717273   # 393 SSL certificate fingerprint
        """;

    [Test]
    public void Encoder_writes_the_golden_bytes()
    {
        var bytes = RecordCodec.WriteBody(Sample);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Hex.Parse(Vector))));
            Assert.That(bytes, Has.Length.EqualTo(413));
        }
    }

    [Test]
    public void Decoder_reads_the_golden_bytes_back()
    {
        var decoded = RecordCodec.ReadBody(RecordType.CorrelationEvent, Hex.Parse(Vector));
        Assert.That(decoded, Is.EqualTo(Sample));
    }

    [Test]
    public void Block_with_empty_strings_is_401_bytes_as_the_reference_states()
    {
        var bytes = RecordCodec.WriteBody(new CorrelationEventRecord());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(bytes, Has.Length.EqualTo(401));
            Assert.That(BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4)), Is.EqualTo(401u));
        }
    }

    [Test]
    public void Default_record_round_trips()
    {
        var record = new CorrelationEventRecord();
        Assert.That(RecordCodec.ReadBody(RecordType.CorrelationEvent, RecordCodec.WriteBody(record)), Is.EqualTo(record));
    }

    [Test]
    public void Unknown_block_type_is_a_protocol_error_naming_the_field()
    {
        var bytes = Hex.Parse("0000009D 00000008");
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.CorrelationEvent, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("correlation event block type"));
            Assert.That(error.Offset, Is.Zero);
        }
    }

    [Test]
    public void Body_cut_inside_a_field_names_that_field()
    {
        // Cut inside the fingerprint (offset 393) and shorten the block length to match, so that the
        // block header is consistent and the field read itself runs short.
        const int cut = 400;
        var bytes = Hex.Parse(Vector)[..cut];
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), cut);

        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.CorrelationEvent, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("SSL certificate fingerprint"));
            Assert.That(error.Offset, Is.EqualTo(393));
            Assert.That(error.Reason, Does.Contain("truncated"));
        }
    }

    [Test]
    public void Block_length_overrunning_the_record_is_refused()
    {
        var bytes = Hex.Parse(Vector)[..200];
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.CorrelationEvent, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("correlation event block"));
            Assert.That(error.Reason, Does.Contain("overruns"));
        }
    }

    private static byte[] Sequence(byte first, int count) =>
        Enumerable.Range(first, count).Select(value => (byte)value).ToArray();
}

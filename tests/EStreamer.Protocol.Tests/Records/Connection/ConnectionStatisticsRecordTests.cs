using System.Buffers.Binary;
using System.Net;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Connection;
using EStreamer.Protocol.Records.Discovery;

namespace EStreamer.Protocol.Tests.Records.Connection;

/// <summary>
/// Record 71 in its seven layouts, against vectors written by hand from the union table of reference
/// 11.17 (block 163 also from 11.9) and the discovery header of 9.7.
/// </summary>
public sealed class ConnectionStatisticsRecordTests
{
    // Every field distinct and non-zero so that a swapped, shifted or dropped field cannot pass.
    private static readonly ConnectionStatisticsRecord Sample = new()
    {
        Header = new DiscoveryHeader
        {
            DeviceId = 0xA1A1A1A1,
            LegacyIPv4 = IPAddress.Parse("198.51.100.2"),
            MacAddress = new byte[] { 0x00, 0x1A, 0x2B, 0x3C, 0x4D, 0x5E },
            HasIPv6 = 1,
            Reserved = 0xA2,
            EventSecond = 0x5F5E1000,
            EventMicrosecond = 0x000A3B5C,
            EventType = DiscoveryEventType.Connection,
            EventSubtype = ConnectionStatisticsRecord.DiscoveryEventSubtype,
            FileNumber = 0xA3A3A3A3,
            FilePosition = 0xA4A4A4A4,
            HostIp = IPAddress.Parse("2001:db8::a5"),
        },
        DeviceId = 0x01020304,
        IngressZone = Guid.Parse("11111111-0000-0000-0000-000000000001"),
        EgressZone = Guid.Parse("22222222-0000-0000-0000-000000000002"),
        IngressInterface = Guid.Parse("33333333-0000-0000-0000-000000000003"),
        EgressInterface = Guid.Parse("44444444-0000-0000-0000-000000000004"),
        InitiatorIp = IPAddress.Parse("10.0.0.5"),
        ResponderIp = IPAddress.Parse("2001:db8::80"),
        OriginalClientIp = IPAddress.Parse("203.0.113.7"),
        AccessControlPolicyRevision = Guid.Parse("55555555-0000-0000-0000-000000000005"),
        AccessControlRuleId = 0x05060708,
        TunnelOrPrefilterRuleId = 0x090A0B0C,
        RuleAction = 0x0D0E,
        RuleReason = 0x0F101112,
        InitiatorPort = 50000,
        ResponderPort = 443,
        TcpFlags = 0x0018,
        IpProtocol = 6,
        NetFlowSource = Guid.Parse("66666666-0000-0000-0000-000000000006"),
        SnortInstanceId = 0x1314,
        ConnectionCounter = 0x1516,
        FirstPacketSecond = 0x5F5E0F00,
        LastPacketSecond = 0x5F5E0FFF,
        InitiatorPackets = 0x2021222324252627,
        ResponderPackets = 0x28292A2B2C2D2E2F,
        InitiatorBytes = 0x3031323334353637,
        ResponderBytes = 0x38393A3B3C3D3E3F,
        InitiatorPacketsDropped = 0x4041424344454647,
        ResponderPacketsDropped = 0x48494A4B4C4D4E4F,
        InitiatorBytesDropped = 0x5051525354555657,
        ResponderBytesDropped = 0x58595A5B5C5D5E5F,
        QosAppliedInterface = Guid.Parse("77777777-0000-0000-0000-000000000007"),
        QosRuleId = 0x60616263,
        UserId = 0x64656667,
        ApplicationProtocolId = 0x68696A6B,
        UrlCategory = 0x6C6D6E6F,
        UrlReputation = 0x70717273,
        ClientApplicationId = 0x74757677,
        WebApplicationId = 0x78797A7B,
        ClientUrl = "u",
        NetBiosDomain = "nb",
        ClientApplicationVersion = "v1",
        MonitorRules = new uint[] { 0x80000001, 0x80000002, 0x80000003, 0x80000004, 0x80000005, 0x80000006, 0x80000007, 0x80000008 },
        SecurityIntelligenceSourceDestination = 0x81,
        SecurityIntelligenceLayer = 0x82,
        FileEventCount = 0x8384,
        IntrusionEventCount = 0x8586,
        InitiatorCountry = 0x8788,
        ResponderCountry = 0x898A,
        OriginalClientCountry = 0x8B8C,
        IocNumber = 0x8D8E,
        SourceAutonomousSystem = 0x8F909192,
        DestinationAutonomousSystem = 0x93949596,
        SnmpIn = 0x9798,
        SnmpOut = 0x999A,
        SourceTos = 0x9B,
        DestinationTos = 0x9C,
        SourceMask = 0x9D,
        DestinationMask = 0x9E,
        SecurityContext = Sequence(0x9F, 16),
        VlanId = 0xAFB0,
        ReferencedHost = "rh",
        UserAgent = "ua",
        HttpReferrer = "ref",
        SslCertificateFingerprint = Sequence(0xB1, 20),
        SslPolicy = Guid.Parse("88888888-0000-0000-0000-000000000008"),
        SslRuleId = 0xC5C6C7C8,
        SslCipherSuite = 0xC9CA,
        SslVersion = 0xCB,
        SslServerCertificateStatus = 0xCCCDCECF,
        SslActualAction = 0xD0D1,
        SslExpectedAction = 0xD2D3,
        SslFlowStatus = 0xD4D5,
        SslFlowError = 0xD6D7D8D9,
        SslFlowMessages = 0xDADBDCDD,
        SslFlowFlags = 0xDEDFE0E1E2E3E4E5,
        SslServerName = "sni",
        SslUrlCategory = 0xE6E7E8E9,
        SslSessionId = Sequence(0x01, 32),
        SslSessionIdLength = 32,
        SslTicketId = Sequence(0x21, 20),
        SslTicketIdLength = 20,
        NetworkAnalysisPolicyRevision = Guid.Parse("99999999-0000-0000-0000-000000000009"),
        EndpointProfileId = 0xEAEBECED,
        SecurityGroupId = 0xEEEFF0F1,
        SourceSecurityGroupTag = 0xF2F3,
        SourceSecurityGroupTagType = 0xF4,
        DestinationSecurityGroupTag = 0xF5F6,
        DestinationSecurityGroupTagType = 0xF7,
        LocationIp = IPAddress.Parse("fd00::10"),
        HttpResponseCode = 200,
        DnsQuery = "q.io",
        DnsRecordType = 28,
        DnsResponseType = 3,
        DnsTtl = 3600,
        SinkholeUuid = Guid.Parse("aaaaaaaa-0000-0000-0000-00000000000a"),
        SecurityIntelligenceList1 = 0xF8F9FAFB,
        SecurityIntelligenceList2 = 0xFCFDFEFF,
        SecurityIntelligenceList3 = 0x0A0B0C0D,
        ThreatIntelligenceCategory = 0x0E0F1011,
        EveProcessName = "curl",
        EveProcessConfidence = 90,
        EveThreatConfidence = 75,
        EveThreatConfidenceIndex = 3,
        ClientApplicationDetectorId = 7,
        NatInitiatorPort = 60000,
        NatResponderPort = 8080,
        NatInitiatorIp = IPAddress.Parse("192.0.2.44"),
        NatResponderIp = IPAddress.Parse("2001:db8::b0"),
        IngressVrf = "in",
        EgressVrf = "out",
        SourceIpDynamicAttributes = "sa",
        DestinationIpDynamicAttributes = "da",
    };

    // Discovery header, record offsets 0–55 (reference 9.7).
    private const string Header = """
        A1A1A1A1                              # 0 device ID
        C6336402                              # 4 legacy IPv4 198.51.100.2
        001A2B3C4D5E 01 A2                    # 8 MAC, 14 has-IPv6 flag, 15 reserved
        5F5E1000 000A3B5C                     # 16 event second, 20 event microsecond
        000003EB 00000001                     # 24 event type 1003, 28 subtype 1
        A3A3A3A3 A4A4A4A4                     # 32 file number, 36 file position
        20010DB80000000000000000000000A5      # 40 host IPv6 2001:db8::a5
        """;

    // Block offsets 8–598, the same rows in all seven blocks (with this sample's strings; the fixed
    // offsets up to 297 are those of the reference table).
    private const string Common = """
        01020304                              # 8 device ID
        11111111000000000000000000000001      # 12 ingress zone
        22222222000000000000000000000002      # 28 egress zone
        33333333000000000000000000000003      # 44 ingress interface
        44444444000000000000000000000004      # 60 egress interface
        00000000000000000000FFFF0A000005      # 76 initiator IP 10.0.0.5, IPv4-mapped
        20010DB8000000000000000000000080      # 92 responder IP 2001:db8::80
        00000000000000000000FFFFCB007107      # 108 original client IP 203.0.113.7
        55555555000000000000000000000005      # 124 access-control policy revision
        05060708 090A0B0C                     # 140 AC rule ID, 144 tunnel/prefilter rule ID
        0D0E 0F101112                         # 148 rule action, 150 rule reason (32 bits)
        C350 01BB 0018 06                     # 154 initiator port 50000, 156 responder port 443, 158 TCP flags, 160 IP protocol
        66666666000000000000000000000006      # 161 NetFlow source
        1314 1516                             # 177 Snort instance ID, 179 connection counter
        5F5E0F00 5F5E0FFF                     # 181 first packet second, 185 last packet second
        2021222324252627                      # 189 initiator packets
        28292A2B2C2D2E2F                      # 197 responder packets
        3031323334353637                      # 205 initiator bytes
        38393A3B3C3D3E3F                      # 213 responder bytes
        4041424344454647                      # 221 initiator packets dropped
        48494A4B4C4D4E4F                      # 229 responder packets dropped
        5051525354555657                      # 237 initiator bytes dropped
        58595A5B5C5D5E5F                      # 245 responder bytes dropped
        77777777000000000000000000000007      # 253 QoS-applied interface
        60616263 64656667                     # 269 QoS rule ID, 273 user ID
        68696A6B 6C6D6E6F 70717273            # 277 application protocol, 281 URL category, 285 URL reputation
        74757677 78797A7B                     # 289 client application, 293 web application
        00000000 00000009 75                  # 297 client URL "u"
        00000000 0000000A 6E62                # 306 NetBIOS domain "nb"
        00000000 0000000A 7631                # 316 client application version "v1"
        80000001 80000002 80000003 80000004   # 326 monitor rules 1-4
        80000005 80000006 80000007 80000008   # 342 monitor rules 5-8
        81 82 8384 8586                       # 358 SI source/destination, 359 SI layer, 360 file events, 362 intrusion events
        8788 898A 8B8C 8D8E                   # 364 initiator, 366 responder, 368 original client country, 370 IOC number
        8F909192 93949596                     # 372 source AS, 376 destination AS
        9798 999A 9B 9C 9D 9E                 # 380 SNMP in, 382 SNMP out, 384 source ToS, 385 destination ToS, 386 source mask, 387 destination mask
        9FA0A1A2A3A4A5A6A7A8A9AAABACADAE      # 388 security context
        AFB0                                  # 404 VLAN ID
        00000000 0000000A 7268                # 406 referenced host "rh"
        00000000 0000000A 7561                # 416 user agent "ua"
        00000000 0000000B 726566              # 426 HTTP referrer "ref"
        B1B2B3B4B5B6B7B8B9BABBBCBDBEBFC0C1C2C3C4   # 437 SSL certificate fingerprint
        88888888000000000000000000000008      # 457 SSL policy
        C5C6C7C8 C9CA CB                      # 473 SSL rule ID, 477 cipher suite, 479 version
        CCCDCECF                              # 480 SSL server certificate status (32 bits)
        D0D1 D2D3 D4D5                        # 484 SSL actual action, 486 expected action, 488 flow status
        D6D7D8D9 DADBDCDD                     # 490 SSL flow error, 494 flow messages
        DEDFE0E1E2E3E4E5                      # 498 SSL flow flags
        00000000 0000000B 736E69              # 506 SSL server name "sni"
        E6E7E8E9                              # 517 SSL URL category
        0102030405060708090A0B0C0D0E0F10      # 521 SSL session ID, bytes 1-16
        1112131415161718191A1B1C1D1E1F20      #     bytes 17-32
        20                                    # 553 SSL session ID length 32
        2122232425262728292A2B2C2D2E2F3031323334   # 554 SSL ticket ID
        14                                    # 574 SSL ticket ID length 20
        99999999000000000000000000000009      # 575 network analysis policy revision
        EAEBECED EEEFF0F1                     # 591 endpoint profile ID, 595 security group ID
        """;

    // Block 170 adds the two tags; 171 and later also a type byte after each (reference 11.17, "≥170", "≥171").
    private const string Tags170 = "F2F3 F5F6                             # 599 source SGT, 601 destination SGT";

    private const string Tags171 = "F2F3 F4 F5F6 F7                       # 599 source SGT, 601 its type, 602 destination SGT, 604 its type";

    // Location IP to SI list 2; starts at 599 (163–169), 603 (170) or 605 (171–174).
    private const string Dns = """
        FD000000000000000000000000000010      # +0 location IPv6 fd00::10
        000000C8                              # +16 HTTP response code 200
        00000000 0000000C 712E696F            # +20 DNS query "q.io"
        001C 0003 00000E10                    # +32 DNS record type 28, +34 response type 3, +36 TTL 3600
        AAAAAAAA00000000000000000000000A      # +40 sinkhole UUID
        F8F9FAFB FCFDFEFF                     # +56 SI list 1, +60 SI list 2
        """;

    private const string List3 = "0A0B0C0D                              # 663 security-intelligence list 3 (block 168 only)";

    private const string Threat = "0E0F1011                              # threat-intelligence category: 663 (169), 667 (170), 669 (171-174)";

    // Block 174 only, from 673.
    private const string EveAndNat = """
        00000000 0000000C 6375726C            # 673 EVE process name "curl"
        5A 4B 03 07                           # 685 EVE process confidence 90, 686 threat confidence 75, 687 threat index 3, 688 client detector 7
        EA60 1F90                             # 689 NAT initiator port 60000, 691 NAT responder port 8080
        00000000000000000000FFFFC000022C      # 693 NAT initiator IP 192.0.2.44
        20010DB80000000000000000000000B0      # 709 NAT responder IP 2001:db8::b0
        """;

    private const string Vrfs = """
        00000000 0000000A 696E                # ingress VRF "in"
        00000000 0000000B 6F7574              # egress VRF "out"
        """;

    private const string DynamicAttributes = """
        00000000 0000000A 7361                # source IP dynamic attributes "sa"
        00000000 0000000A 6461                # destination IP dynamic attributes "da"
        """;

    // Each vector: record body = header (56) + block. Fragments are joined with "\n" because a raw
    // string ends without one and a trailing '#' comment would swallow the next fragment.
    private const string Block163Vector = Header + "\n000000A3 00000297   # block 163, length 663\n" + Common + "\n" + Dns;

    private const string Block168Vector = Header + "\n000000A8 0000029B   # block 168, length 667\n" + Common + "\n" + Dns + "\n" + List3;

    private const string Block169Vector = Header + "\n000000A9 0000029B   # block 169, length 667\n" + Common + "\n" + Dns + "\n" + Threat;

    private const string Block170Vector = Header + "\n000000AA 0000029F   # block 170, length 671\n" + Common + "\n" + Tags170 + "\n" + Dns + "\n" + Threat;

    private const string Block171Vector = Header + "\n000000AB 000002B6   # block 171, length 694\n" + Common + "\n" + Tags171 + "\n" + Dns + "\n" + Threat
        + "\n" + Vrfs;

    private const string Block173Vector = Header + "\n000000AD 000002CA   # block 173, length 714\n" + Common + "\n" + Tags171 + "\n" + Dns + "\n" + Threat
        + "\n" + Vrfs + "\n" + DynamicAttributes;

    private const string Block174Vector = Header + "\n000000AE 000002FE   # block 174, length 766\n" + Common + "\n" + Tags171 + "\n" + Dns + "\n" + Threat
        + "\n" + EveAndNat + "\n" + Vrfs + "\n" + DynamicAttributes;

    private static IEnumerable<TestCaseData> Layouts()
    {
        yield return new TestCaseData(ConnectionStatisticsRecord.Block163, Block163Vector, 663).SetName("{m}(block 163, version 14)");
        yield return new TestCaseData(ConnectionStatisticsRecord.Block168, Block168Vector, 667).SetName("{m}(block 168)");
        yield return new TestCaseData(ConnectionStatisticsRecord.Block169, Block169Vector, 667).SetName("{m}(block 169)");
        yield return new TestCaseData(ConnectionStatisticsRecord.Block170, Block170Vector, 671).SetName("{m}(block 170)");
        yield return new TestCaseData(ConnectionStatisticsRecord.Block171, Block171Vector, 694).SetName("{m}(block 171)");
        yield return new TestCaseData(ConnectionStatisticsRecord.Block173, Block173Vector, 714).SetName("{m}(block 173)");
        yield return new TestCaseData(ConnectionStatisticsRecord.Block174, Block174Vector, 766).SetName("{m}(block 174, version 17)");
    }

    private static IEnumerable<TestCaseData> MinimumSizes()
    {
        yield return new TestCaseData(163u, 644).SetName("Block 163 with empty strings is 644 bytes");
        yield return new TestCaseData(168u, 648).SetName("Block 168 with empty strings is 648 bytes");
        yield return new TestCaseData(169u, 648).SetName("Block 169 with empty strings is 648 bytes");
        yield return new TestCaseData(170u, 652).SetName("Block 170 with empty strings is 652 bytes");
        yield return new TestCaseData(171u, 670).SetName("Block 171 with empty strings is 670 bytes");
        yield return new TestCaseData(173u, 686).SetName("Block 173 with empty strings is 686 bytes");
        yield return new TestCaseData(174u, 734).SetName("Block 174 with empty strings is 734 bytes");
    }

    [TestCaseSource(nameof(Layouts))]
    public void Encoder_writes_the_golden_bytes(uint blockType, string hex, int blockLength)
    {
        var bytes = RecordCodec.WriteBody(Sample.WithBlockType(blockType));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Hex.Parse(hex))));
            Assert.That(bytes, Has.Length.EqualTo(DiscoveryHeader.Size + blockLength));
        }
    }

    [TestCaseSource(nameof(Layouts))]
    public void Decoder_reads_the_golden_bytes_back(uint blockType, string hex, int blockLength)
    {
        var decoded = (ConnectionStatisticsRecord)RecordCodec.ReadBody(RecordType.ConnectionStatistics, Hex.Parse(hex));
        Assert.That(decoded, Is.EqualTo(Expected(blockType)));
    }

    [TestCaseSource(nameof(MinimumSizes))]
    public void Block_with_empty_strings_has_the_reference_size(uint blockType, int size)
    {
        var bytes = RecordCodec.WriteBody(new ConnectionStatisticsRecord { BlockType = blockType });
        using (Assert.EnterMultipleScope())
        {
            Assert.That(bytes, Has.Length.EqualTo(DiscoveryHeader.Size + size));
            Assert.That(BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(DiscoveryHeader.Size + 4)), Is.EqualTo((uint)size));
        }
    }

    [Test]
    public void Default_record_is_block_174_and_round_trips()
    {
        var record = new ConnectionStatisticsRecord();
        var decoded = RecordCodec.ReadBody(RecordType.ConnectionStatistics, RecordCodec.WriteBody(record));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(record.BlockType, Is.EqualTo(ConnectionStatisticsRecord.Block174));
            Assert.That(record.Header.EventType, Is.EqualTo(DiscoveryEventType.Connection));
            Assert.That(record.Header.EventSubtype, Is.EqualTo(1u));
            Assert.That(decoded, Is.EqualTo(record));
        }
    }

    [Test]
    [Description("eNcore 5.2 reads the block type at payload offsets 72-75: extended header (16) + discovery header (56).")]
    public void Block_type_sits_at_payload_offset_72_with_the_extended_header()
    {
        using var writer = new WireWriter();
        RecordCodec.WritePayload(writer, new EventData(Sample));
        Assert.That(BinaryPrimitives.ReadUInt32BigEndian(writer.WrittenSpan[72..]), Is.EqualTo(174u));
    }

    [Test]
    public void Fewer_than_eight_monitor_rules_are_padded_with_zeros()
    {
        var record = new ConnectionStatisticsRecord { BlockType = 163, MonitorRules = new uint[] { 0x0102, 0x0304 } };
        var bytes = RecordCodec.WriteBody(record);

        // Monitor rules follow three empty strings at block offset 297 + 24.
        var rules = bytes.AsSpan(DiscoveryHeader.Size + 321, 32);
        var decoded = (ConnectionStatisticsRecord)RecordCodec.ReadBody(RecordType.ConnectionStatistics, bytes);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Hex.Format(rules), Is.EqualTo("00000102" + "00000304" + string.Concat(Enumerable.Repeat("00000000", 6))));
            Assert.That(decoded.MonitorRules, Is.EqualTo(new EquatableArray<uint>([0x0102, 0x0304, 0, 0, 0, 0, 0, 0])));
        }
    }

    [Test]
    public void More_than_eight_monitor_rules_are_refused()
    {
        var record = new ConnectionStatisticsRecord { MonitorRules = new uint[9] };
        Assert.That(() => RecordCodec.WriteBody(record), Throws.TypeOf<InvalidOperationException>());
    }

    [TestCase(160u)]
    [TestCase(172u)]
    [TestCase(175u)]
    public void Unsupported_block_type_cannot_be_chosen_for_encoding(uint blockType)
    {
        Assert.That(() => Sample.WithBlockType(blockType), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [TestCase(160u)]
    [TestCase(172u)]
    public void Unknown_block_type_on_the_wire_is_a_protocol_error_naming_the_field(uint blockType)
    {
        var bytes = Hex.Parse(Header + $"\n{blockType:X8} 00000008");
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.ConnectionStatistics, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("connection block type"));
            Assert.That(error.Offset, Is.EqualTo(DiscoveryHeader.Size));
        }
    }

    [Test]
    public void Body_cut_inside_a_field_names_that_field()
    {
        // Cut block 174 inside the NAT initiator IP (block offset 693) and shorten the block length to
        // match, so that the block header is consistent and the field read itself runs short.
        const int cut = 701;
        var bytes = Hex.Parse(Block174Vector)[..(DiscoveryHeader.Size + cut)];
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(DiscoveryHeader.Size + 4), cut);

        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.ConnectionStatistics, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("NAT initiator IP"));
            Assert.That(error.Offset, Is.EqualTo(DiscoveryHeader.Size + 693));
            Assert.That(error.Reason, Does.Contain("truncated"));
        }
    }

    [Test]
    public void Body_cut_inside_the_discovery_header_names_the_header_field()
    {
        var bytes = Hex.Parse(Block163Vector)[..26];
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.ConnectionStatistics, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("event type"));
            Assert.That(error.Offset, Is.EqualTo(24));
        }
    }

    [Test]
    public void Block_length_overrunning_the_record_is_refused()
    {
        var bytes = Hex.Parse(Block163Vector)[..(DiscoveryHeader.Size + 300)];
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.ConnectionStatistics, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("connection block"));
            Assert.That(error.Offset, Is.EqualTo(DiscoveryHeader.Size));
            Assert.That(error.Reason, Does.Contain("overruns"));
        }
    }

    [Test]
    public void Trailing_bytes_inside_the_block_are_refused()
    {
        // Block 163 with block 168's extra word: the layout must account for every byte.
        var bytes = Hex.Parse(Header + "\n000000A3 0000029B\n" + Common + "\n" + Dns + "\n" + List3);
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.ConnectionStatistics, bytes));
        Assert.That(error!.Field, Is.EqualTo("connection block"));
    }

    // Fields a layout does not carry decode as their defaults.
    private static ConnectionStatisticsRecord Expected(uint blockType)
    {
        var record = Sample with { BlockType = blockType };
        if (blockType < ConnectionStatisticsRecord.Block170)
        {
            record = record with { SourceSecurityGroupTag = 0, DestinationSecurityGroupTag = 0 };
        }

        if (blockType < ConnectionStatisticsRecord.Block171)
        {
            record = record with { SourceSecurityGroupTagType = 0, DestinationSecurityGroupTagType = 0, IngressVrf = "", EgressVrf = "" };
        }

        if (blockType < ConnectionStatisticsRecord.Block173)
        {
            record = record with { SourceIpDynamicAttributes = "", DestinationIpDynamicAttributes = "" };
        }

        if (blockType != ConnectionStatisticsRecord.Block168)
        {
            record = record with { SecurityIntelligenceList3 = 0 };
        }

        if (blockType < ConnectionStatisticsRecord.Block169)
        {
            record = record with { ThreatIntelligenceCategory = 0 };
        }

        if (blockType != ConnectionStatisticsRecord.Block174)
        {
            record = record with
            {
                EveProcessName = "", EveProcessConfidence = 0, EveThreatConfidence = 0, EveThreatConfidenceIndex = 0,
                ClientApplicationDetectorId = 0, NatInitiatorPort = 0, NatResponderPort = 0,
                NatInitiatorIp = IPAddress.IPv6Any, NatResponderIp = IPAddress.IPv6Any,
            };
        }

        return record;
    }

    private static byte[] Sequence(byte first, int count) =>
        Enumerable.Range(first, count).Select(value => (byte)value).ToArray();
}

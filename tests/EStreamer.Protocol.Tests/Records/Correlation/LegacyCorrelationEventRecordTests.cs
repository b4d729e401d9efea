using System.Net;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Correlation;

namespace EStreamer.Protocol.Tests.Records.Correlation;

/// <summary>
/// Legacy correlation events: record 97 with series-1 block 84 (version 5, request flag bit 22) and record 65
/// with block 70 (version 4, bit 19) or 52 (version 3, bit 13), against vectors written from the Perl SDK's
/// block tables.
/// </summary>
public sealed class LegacyCorrelationEventRecordTests
{
    private static readonly LegacyCorrelationEventRecord Sample = new()
    {
        BlockType = LegacyCorrelationEventRecord.Block84,
        DeviceId = 0x01010101,
        EventSecond = 0x65A0B0C0,
        EventId = 0x00000203,
        PolicyId = 4,
        RuleId = 5,
        Priority = 3,
        Description = "scan",
        EventType = 1,
        EventDeviceId = 0x0A0A0A0A,
        SignatureId = 1_000_001,
        SignatureGeneratorId = 1,
        TriggerEventSecond = 0x65A0B0B0,
        TriggerEventMicrosecond = 0x00012345,
        DeviceEventId = 0x00000999,
        EventDefinedMask = 0x000003FF,
        ImpactFlags = 7,
        IpProtocol = 6,
        NetworkProtocol = 0x0800,
        SourceIp = IPAddress.Parse("192.0.2.1"),
        SourceHostType = 2,
        SourceVlanId = 10,
        SourceOsFingerprintUuid = Guid.Parse("11111111-2222-3333-4444-555555555555"),
        SourceCriticality = 3,
        SourceUserId = 0x101,
        SourcePort = 54321,
        SourceServerId = 0xC01,
        DestinationIp = IPAddress.Parse("198.51.100.2"),
        DestinationHostType = 1,
        DestinationVlanId = 11,
        DestinationOsFingerprintUuid = Guid.Parse("66666666-7777-8888-9999-aaaaaaaaaaaa"),
        DestinationCriticality = 1,
        DestinationUserId = 0x202,
        DestinationPort = 80,
        DestinationServerId = 0xC02,
    };

    private const string Head = """
        01010101 65A0B0C0 00000203        # 8 device, 12 correlation second, 16 event ID
        00000004 00000005 00000003        # 20 policy ID, 24 rule ID, 28 priority
        00000000 0000000C 7363616E        # 32 description string block "scan"
        01                                # 44 event type
        0A0A0A0A 000F4241 00000001        # 45 event device, 49 signature ID 1000001, 53 signature gid 1
        65A0B0B0 00012345                 # 57 trigger second, 61 trigger microsecond
        00000999 000003FF                 # 65 device event ID, 69 event-defined mask
        00000007                          # 73 impact flags (32 bits)
        06 0800                           # 77 IP protocol, 78 network protocol
        """;

    private const string Block84Vector = """
        00000054 00000096                 # 0 block 84, 4 length 150
        """ + "\n" + Head + "\n" + """
        C0000201 02 000A                  # 80 source IPv4, 84 host type, 85 VLAN
        11111111222233334444555555555555  # 87 source OS fingerprint UUID
        0003 00000101 D431 00000C01       # 103 criticality, 105 user ID, 109 port, 111 server ID
        C6336402 01 000B                  # 115 destination IPv4, 119 host type, 120 VLAN
        66666666777788889999AAAAAAAAAAAA  # 122 destination OS fingerprint UUID
        0001 00000202 0050 00000C02       # 138 criticality, 140 user ID, 144 port, 146 server ID
        """;

    private const string Block70Vector = """
        00000046 0000008E                 # 0 block 70, 4 length 142
        """ + "\n" + Head + "\n" + """
        C0000201 02 000A                  # 80 source IPv4, 84 host type, 85 VLAN
        11111111222233334444555555555555  # 87 source OS fingerprint UUID
        0003 D431 00000C01                # 103 criticality, 105 port, 107 server ID (32 bits)
        C6336402 01 000B                  # 111 destination IPv4, 115 host type, 116 VLAN
        66666666777788889999AAAAAAAAAAAA  # 118 destination OS fingerprint UUID
        0001 0050 00000C02                # 134 criticality, 136 port, 138 server ID
        """;

    private const string Block52Vector = """
        00000034 0000008A                 # 0 block 52, 4 length 138
        """ + "\n" + Head + "\n" + """
        C0000201 02 000A                  # 80 source IPv4, 84 host type, 85 VLAN
        11111111222233334444555555555555  # 87 source OS fingerprint UUID
        0003 D431 0C01                    # 103 criticality, 105 port, 107 server ID (16 bits)
        C6336402 01 000B                  # 109 destination IPv4, 113 host type, 114 VLAN
        66666666777788889999AAAAAAAAAAAA  # 116 destination OS fingerprint UUID
        0001 0050 0C02                    # 132 criticality, 134 port, 136 server ID
        """;

    private static IEnumerable<TestCaseData> Layouts()
    {
        yield return new TestCaseData(LegacyCorrelationEventRecord.Block84, RecordType.CorrelationEventV5, Block84Vector).SetName("Record 97, block 84 (version 5)");
        yield return new TestCaseData(LegacyCorrelationEventRecord.Block70, RecordType.CorrelationEventLegacy, Block70Vector).SetName("Record 65, block 70 (version 4)");
        yield return new TestCaseData(LegacyCorrelationEventRecord.Block52, RecordType.CorrelationEventLegacy, Block52Vector).SetName("Record 65, block 52 (version 3)");
    }

    [TestCaseSource(nameof(Layouts))]
    public void Layout_matches_its_vector_and_reads_back(uint block, RecordType recordType, string vector)
    {
        var record = Sample with
        {
            BlockType = block,
            SourceUserId = block == LegacyCorrelationEventRecord.Block84 ? Sample.SourceUserId : 0,
            DestinationUserId = block == LegacyCorrelationEventRecord.Block84 ? Sample.DestinationUserId : 0,
        };

        var bytes = RecordCodec.WriteBody(record);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(record.RecordType, Is.EqualTo(recordType));
            Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Hex.Parse(vector))));
            Assert.That(RecordCodec.ReadBody(recordType, bytes), Is.EqualTo(record));
        }
    }

    [Test]
    public void Stored_block_156_event_becomes_block_84_with_the_fields_they_share()
    {
        var stored = new CorrelationEventRecord
        {
            DeviceId = 0x01010101,
            EventSecond = 0x65A0B0C0,
            EventId = 0x00000203,
            PolicyId = 4,
            RuleId = 5,
            Priority = 3,
            Description = "scan",
            EventType = 1,
            EventDeviceId = 0x0A0A0A0A,
            SignatureId = 1_000_001,
            SignatureGeneratorId = 1,
            TriggerEventSecond = 0x65A0B0B0,
            TriggerEventMicrosecond = 0x00012345,
            DeviceEventId = 0x00000999,
            EventDefinedMask = 0x000003FF,
            ImpactFlags = 7,
            IpProtocol = 6,
            NetworkProtocol = 0x0800,
            SourceHostType = 2,
            SourceVlanId = 10,
            SourceOsFingerprintUuid = Guid.Parse("11111111-2222-3333-4444-555555555555"),
            SourceCriticality = 3,
            SourceUserId = 0x101,
            SourcePort = 54321,
            SourceServerId = 0xC01,
            DestinationHostType = 1,
            DestinationVlanId = 11,
            DestinationOsFingerprintUuid = Guid.Parse("66666666-7777-8888-9999-aaaaaaaaaaaa"),
            DestinationCriticality = 1,
            DestinationUserId = 0x202,
            DestinationPort = 80,
            DestinationServerId = 0xC02,
            Impact = 4,
            Url = "http://not-in-the-legacy-layout/",
            SourceIp = IPAddress.Parse("192.0.2.1"),
            DestinationIp = IPAddress.Parse("::ffff:198.51.100.2"),
        };

        var legacy = LegacyCorrelationEventRecord.From(stored, LegacyCorrelationEventRecord.Block84);
        Assert.That(Hex.Format(RecordCodec.WriteBody(legacy)), Is.EqualTo(Hex.Format(Hex.Parse(Block84Vector))));
    }

    [Test]
    public void Block_52_in_record_97_is_refused()
    {
        var bytes = Hex.Parse(Block52Vector);
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.CorrelationEventV5, bytes));
        Assert.That(error!.Offset, Is.Zero);
    }
}

using System.Net;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Files;

namespace EStreamer.Protocol.Tests.Records.Files;

/// <summary>Records 500 and 502 in blocks 56 and 79, against vectors written from reference 11.10 and 11.18.</summary>
public sealed class FileEventRecordTests
{
    // Every field distinct so that a swapped or shifted field cannot pass.
    private static readonly FileEventRecord Sample = new()
    {
        RecordType = RecordType.FileEvent,
        BlockType = FileEventRecord.Block56,
        DeviceId = 0x01010101,
        ConnectionInstanceId = 0x0202,
        ConnectionCounter = 0x0303,
        ConnectionTimestamp = 0x04040404,
        FileEventTimestamp = 0x05050505,
        SourceIp = IPAddress.Parse("10.1.2.3"),
        DestinationIp = IPAddress.Parse("2001:db8::7"),
        Disposition = 0x06,
        SperoDisposition = 0x07,
        FileStorageStatus = 0x08,
        FileAnalysisStatus = 0x09,
        LocalMalwareAnalysisStatus = 0x0A,
        ArchiveFileStatus = 0x0B,
        ThreatScore = 0x0C,
        Action = 0x0D,
        Sha256 = Enumerable.Range(0xE0, 32).Select(b => (byte)b).ToArray(),
        FileTypeId = 0x0E0E0E0E,
        FileName = "a.exe",
        FileSize = 0x0F0F0F0F0F0F0F0F,
        Direction = 0x10,
        ApplicationProtocolId = 0x11111111,
        UserId = 0x12121212,
        Uri = "/f",
        Signature = "Sig",
        SourcePort = 0x1313,
        DestinationPort = 0x1414,
        IpProtocol = 0x15,
        AccessControlPolicyUuid = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"),
        SourceCountry = 0x1616,
        DestinationCountry = 0x1717,
        WebApplicationId = 0x18181818,
        ClientApplicationId = 0x19191919,
        Transfer = new()
        {
            SecurityContext = Enumerable.Repeat((byte)0x1A, 16).ToArray(),
            SslCertificateFingerprint = Enumerable.Repeat((byte)0x1B, 20).ToArray(),
            SslActualAction = 0x1C1C,
            SslFlowStatus = 0x1D1D,
            ArchiveSha = "ab",
            ArchiveName = "z.zip",
            ArchiveDepth = 0x1E,
            HttpResponseCode = 200,
            IngressVrf = "in",
            EgressVrf = "out",
        },
    };

    // Offsets 8–251 are the same in both blocks (reference 11.18); block 79 only appends.
    private const string CommonBody = """
        01010101                              # 8 device ID
        0202 0303                             # 12 connection instance, 14 connection counter
        04040404 05050505                     # 16 connection timestamp, 20 file event timestamp
        00000000000000000000FFFF0A010203      # 24 source IP 10.1.2.3, IPv4-mapped
        20010DB8000000000000000000000007      # 40 destination IP 2001:db8::7
        06 07 08 09                           # 56 disposition, 57 SPERO, 58 storage, 59 analysis
        0A 0B 0C 0D                           # 60 local malware, 61 archive status, 62 threat score, 63 action
        E0E1E2E3E4E5E6E7E8E9EAEBECEDEEEF      # 64 SHA-256, first half
        F0F1F2F3F4F5F6F7F8F9FAFBFCFDFEFF      # 80 SHA-256, second half
        0E0E0E0E                              # 96 file type ID
        00000000 0000000D 612E657865          # 100 file name "a.exe": string block, length 8 + 5
        0F0F0F0F0F0F0F0F                      # 113 (+0) file size
        10                                    # 121 (+8) direction
        11111111 12121212                     # 122 application protocol, 126 user ID
        00000000 0000000A 2F66                # 130 (+17) URI "/f"
        00000000 0000000B 536967              # 140 signature "Sig"
        1313 1414 15                          # 151 source port, 153 destination port, 155 IP protocol
        00112233445566778899AABBCCDDEEFF      # 156 access-control policy UUID, RFC 4122 order
        1616 1717                             # 172 source country, 174 destination country
        18181818 19191919                     # 176 web application, 180 client application
        1A1A1A1A1A1A1A1A1A1A1A1A1A1A1A1A      # 184 security context
        1B1B1B1B1B1B1B1B1B1B1B1B1B1B1B1B1B1B1B1B   # 200 SSL certificate fingerprint
        1C1C 1D1D                             # 220 SSL actual action, 222 SSL flow status
        00000000 0000000A 6162                # 224 (+73) archive SHA "ab"
        00000000 0000000D 7A2E7A6970          # 234 archive name "z.zip"
        1E                                    # 247 archive depth
        000000C8                              # 248 HTTP response code 200; block 56 ends at 252
        """;

    // 235 minimum + 17 string bytes ("a.exe", "/f", "Sig", "ab", "z.zip") = 252 = 0xFC.
    private const string Block56Vector = "00000038 000000FC   # 0 block type 56, 4 block length 252\n" + CommonBody;

    // 251 minimum + 17 + 5 VRF bytes = 273 = 0x111.
    private const string Block79Vector = "0000004F 00000111   # 0 block type 79, 4 block length 273\n" + CommonBody + "\n" + """
        00000000 0000000A 696E                # 252 (+5) ingress VRF "in"
        00000000 0000000B 6F7574              # 262 egress VRF "out"; block ends at 273
        """;

    private static IEnumerable<TestCaseData> Layouts()
    {
        yield return new TestCaseData(RecordType.FileEvent, FileEventRecord.Block56, Block56Vector, 252).SetName("Record 500, block 56 (version 6)");
        yield return new TestCaseData(RecordType.FileEvent, FileEventRecord.Block79, Block79Vector, 273).SetName("Record 500, block 79 (version 7)");
        yield return new TestCaseData(RecordType.FileMalwareEvent, FileEventRecord.Block56, Block56Vector, 252).SetName("Record 502, block 56 (version 6)");
        yield return new TestCaseData(RecordType.FileMalwareEvent, FileEventRecord.Block79, Block79Vector, 273).SetName("Record 502, block 79 (version 7)");
    }

    [TestCaseSource(nameof(Layouts))]
    public void Encoder_writes_the_golden_bytes(RecordType recordType, uint blockType, string hex, int expectedLength)
    {
        var record = Sample with { RecordType = recordType };
        var bytes = RecordCodec.WriteBody(record.WithBlockType(blockType));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Hex.Parse(hex))));
            Assert.That(bytes, Has.Length.EqualTo(expectedLength));
        }
    }

    [TestCaseSource(nameof(Layouts))]
    public void Decoder_reads_the_golden_bytes_back(RecordType recordType, uint blockType, string hex, int expectedLength)
    {
        var decoded = (FileEventRecord)RecordCodec.ReadBody(recordType, Hex.Parse(hex));
        Assert.That(decoded, Is.EqualTo(Expected(recordType, blockType)));
    }

    [TestCase(FileEventRecord.Block56, FileEventRecord.Block56MinimumSize)]
    [TestCase(FileEventRecord.Block79, FileEventRecord.Block79MinimumSize)]
    public void Empty_strings_give_the_reference_minimum_size(uint blockType, int size)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(size, Is.EqualTo(blockType == 56 ? 235 : 251));
            Assert.That(RecordCodec.WriteBody(new FileEventRecord { BlockType = blockType }), Has.Length.EqualTo(size));
        }
    }

    [Test]
    public void Default_layout_is_block_79_for_record_500()
    {
        var record = new FileEventRecord();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(record.BlockType, Is.EqualTo(79u));
            Assert.That(record.RecordType, Is.EqualTo(RecordType.FileEvent));
            Assert.That(record.SupportedBlockTypes, Is.EqualTo(new[] { 56u, 79u }));
        }
    }

    [Test]
    public void Record_types_other_than_500_and_502_are_refused()
    {
        Assert.That(() => new FileEventRecord { RecordType = RecordType.MalwareEvent }, Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Unsupported_block_type_is_refused_when_encoding()
    {
        Assert.That(() => Sample.WithBlockType(60), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Unknown_block_type_is_a_protocol_error_naming_the_field()
    {
        var bytes = Hex.Parse("0000003E 00000008   # block 62 belongs to record 125, not 500");
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.FileEvent, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("file event block type"));
            Assert.That(error.Offset, Is.Zero);
        }
    }

    [Test]
    public void Block_length_overrunning_the_record_is_refused()
    {
        var bytes = Hex.Parse(Block56Vector)[..100];
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.FileEvent, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("file event block"));
            Assert.That(error.Offset, Is.Zero);
            Assert.That(error.Reason, Does.Contain("overruns"));
        }
    }

    [Test]
    public void Block_that_ends_inside_a_field_names_that_field()
    {
        var bytes = Hex.Parse("""
            00000038 0000000F   # block 56 whose length 15 stops one byte into the connection counter
            01010101 0202 03    # 8 device ID, 12 connection instance, 14 half a counter
            """);
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.FileEvent, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("connection counter"));
            Assert.That(error.Offset, Is.EqualTo(14));
            Assert.That(error.Reason, Does.Contain("truncated"));
        }
    }

    [Test]
    public void String_block_length_overrunning_the_block_names_the_string()
    {
        var bytes = Hex.Parse(Block56Vector);
        bytes[107] = 0xFF; // file name string block length (offset 104) becomes 255
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.FileEvent, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("file name"));
            Assert.That(error.Offset, Is.EqualTo(100));
            Assert.That(error.Reason, Does.Contain("overruns"));
        }
    }

    [Test]
    public void Bytes_left_inside_the_block_are_refused()
    {
        // Block 56 with one byte too many: the block length is 253 instead of 252.
        var bytes = Hex.Parse("00000038 000000FD\n" + CommonBody + "\nFF");
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.FileEvent, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("file event block"));
            Assert.That(error.Offset, Is.EqualTo(252));
        }
    }

    // Fields a layout does not carry decode as their defaults.
    private static FileEventRecord Expected(RecordType recordType, uint blockType) => blockType == FileEventRecord.Block56
        ? Sample with { RecordType = recordType, BlockType = 56, Transfer = Sample.Transfer with { IngressVrf = "", EgressVrf = "" } }
        : Sample with { RecordType = recordType, BlockType = 79 };
}

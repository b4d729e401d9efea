using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Users;

namespace EStreamer.Protocol.Tests.Records.Users;

/// <summary>
/// Record 98 in its eNcore 5.2 form (series-2 block 57, reference 11.20) and its eNcore 3.8 form (no block
/// header, NUL-terminated name, reference 11.8), against vectors written by hand.
/// </summary>
public sealed class UserRecordTests
{
    private static readonly UserRecord Sample = new() { UserId = 0x101, Protocol = 710, UserName = "alice" };

    private const string Block57Vector = """
        00000039 0000001D                 # 0 block type 57, 4 block length 29
        00000101                          # 8 user ID
        000002C6                          # 12 protocol 710
        00000000 0000000D 616C696365      # 16 user name "alice"
        """;

    private const string NoBlockHeaderVector = """
        00000101                          # 0 user ID
        000002C6                          # 4 protocol 710
        00000000 0000000E 616C696365 00   # 8 string block, length 8 + 5 + 1: "alice" and its NUL
        """;

    private static IEnumerable<TestCaseData> Layouts()
    {
        yield return new TestCaseData(UserRecord.Block57, Block57Vector, 29).SetName("eNcore 5.2 form, block 57");
        yield return new TestCaseData(UserRecord.NoBlockHeader, NoBlockHeaderVector, 22).SetName("eNcore 3.8 form, no block header");
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
        var decoded = RecordCodec.ReadBody(RecordType.User, Hex.Parse(hex));
        Assert.That(decoded, Is.EqualTo(Sample with { BlockType = blockType }));
    }

    [TestCase(UserRecord.Block57, 24)]
    [TestCase(UserRecord.NoBlockHeader, 17)]
    public void Empty_name_gives_the_minimum_size(uint blockType, int size)
    {
        var bytes = RecordCodec.WriteBody(new UserRecord { BlockType = blockType });
        Assert.That(bytes, Has.Length.EqualTo(size));
    }

    [Test]
    public void Encore38_form_ends_with_one_NUL_inside_the_string_block()
    {
        var bytes = RecordCodec.WriteBody(Sample with { BlockType = UserRecord.NoBlockHeader });
        using (Assert.EnterMultipleScope())
        {
            // The string block starts at 8 and its length (at 12) reaches the last byte, which is the NUL.
            Assert.That(Hex.Format(bytes.AsSpan(8, 8)), Is.EqualTo("000000000000000E"));
            Assert.That(bytes, Has.Length.EqualTo(8 + 0x0E));
            Assert.That(bytes[^1], Is.Zero);
            Assert.That(bytes[^2], Is.EqualTo((byte)'e'));
        }
    }

    [Test]
    public void Encore38_form_keeps_NULs_that_belong_to_the_name()
    {
        var record = Sample with { BlockType = UserRecord.NoBlockHeader, UserName = "bob\0" };
        var bytes = RecordCodec.WriteBody(record);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Hex.Format(bytes.AsSpan(8)), Is.EqualTo("000000000000000D626F620000"));
            Assert.That(RecordCodec.ReadBody(RecordType.User, bytes), Is.EqualTo(record));
        }
    }

    [Test]
    public void Encore38_body_that_looks_like_a_block_57_header_is_still_read_as_the_38_form()
    {
        // User ID 57 and protocol equal to the body length (24) mimic a block-57 header; offset 16 is then
        // name text ("char"), not a string block, so the heuristic keeps the 3.8 form.
        var bytes = Hex.Parse("""
            00000039                          # 0 user ID 57
            00000018                          # 4 protocol 24 (= body length)
            00000000 00000010 636861726C6965 00   # 8 "charlie" and its NUL
            """);
        var decoded = RecordCodec.ReadBody(RecordType.User, bytes);
        Assert.That(decoded, Is.EqualTo(new UserRecord { BlockType = UserRecord.NoBlockHeader, UserId = 57, Protocol = 24, UserName = "charlie" }));
    }

    [Test]
    public void Encore38_form_without_its_NUL_is_refused()
    {
        var bytes = Hex.Parse("00000101 000002C6 | 00000000 0000000D 616C696365");
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.User, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("user name"));
            Assert.That(error.Offset, Is.EqualTo(8));
        }
    }

    [Test]
    public void Unknown_block_type_is_a_protocol_error_naming_the_field()
    {
        // Block 58 with a length equal to the body: a header, but not one record 98 has.
        var bytes = Hex.Parse("0000003A 00000018 | 00000101 000002C6 | 00000000 00000008");
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.User, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("user block type"));
            Assert.That(error.Offset, Is.Zero);
        }
    }

    [Test]
    public void Truncated_block_57_is_refused_at_the_block()
    {
        var bytes = Hex.Parse(Block57Vector)[..20];
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.User, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("user block"));
            Assert.That(error.Reason, Does.Contain("overruns"));
        }
    }

    [Test]
    public void Truncated_38_form_names_the_user_name()
    {
        var bytes = Hex.Parse(NoBlockHeaderVector)[..20];
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.User, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("user name"));
            Assert.That(error.Offset, Is.EqualTo(8));
            Assert.That(error.Reason, Does.Contain("overruns"));
        }
    }

    [Test]
    public void Record_cut_before_the_string_block_names_the_cut_field()
    {
        var bytes = Hex.Parse(NoBlockHeaderVector)[..6];
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.User, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("protocol"));
            Assert.That(error.Offset, Is.EqualTo(4));
        }
    }

    [Test]
    public void Unsupported_block_type_is_refused_when_encoding()
    {
        Assert.That(() => Sample.WithBlockType(158), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Record_98_is_catalogued()
    {
        Assert.That(RecordCatalog.IsKnown(RecordType.User), Is.True);
    }
}

using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Intrusion;

namespace EStreamer.Protocol.Tests.Records.Intrusion;

/// <summary>Record 111, series-2 block 5, against a vector written from reference 11.14.</summary>
public sealed class ExtraDataTypeRecordTests
{
    private static readonly ExtraDataTypeRecord Sample = new()
    {
        ExtraDataType = 0x01010101,
        Name = "URI",
        Encoding = "string",
    };

    private const string Vector = """
        00000005 00000025                     # 0 block type 5, 4 block length 37
        01010101                              # 8 extra-data type
        00000000 0000000B 555249              # 12 name "URI": string block, length 8 + 3
        00000000 0000000E 737472696E67        # 23 encoding "string", length 8 + 6; block ends at 37
        """;

    [Test]
    public void Encoder_writes_the_golden_bytes()
    {
        var bytes = RecordCodec.WriteBody(Sample);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Hex.Parse(Vector))));
            Assert.That(bytes, Has.Length.EqualTo(37));
        }
    }

    [Test]
    public void Decoder_reads_the_golden_bytes_back()
    {
        var decoded = RecordCodec.ReadBody(RecordType.IntrusionExtraDataMetadata, Hex.Parse(Vector));
        Assert.That(decoded, Is.EqualTo(Sample));
    }

    [Test]
    public void Empty_strings_give_the_minimum_size()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ExtraDataTypeRecord.MinimumSize, Is.EqualTo(8 + 4 + 8 + 8));
            Assert.That(RecordCodec.WriteBody(new ExtraDataTypeRecord()), Has.Length.EqualTo(ExtraDataTypeRecord.MinimumSize));
        }
    }

    [Test]
    public void Unknown_block_type_is_a_protocol_error_naming_the_field()
    {
        var bytes = Hex.Parse("00000004 00000008   # block 4 belongs to record 110");
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.IntrusionExtraDataMetadata, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("extra data type block type"));
            Assert.That(error.Offset, Is.Zero);
        }
    }

    [Test]
    public void Block_length_overrunning_the_record_is_refused()
    {
        var bytes = Hex.Parse(Vector)[..30];
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.IntrusionExtraDataMetadata, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("extra data type block"));
            Assert.That(error.Offset, Is.Zero);
            Assert.That(error.Reason, Does.Contain("overruns"));
        }
    }

    [Test]
    public void Block_that_ends_inside_a_field_names_that_field()
    {
        var bytes = Hex.Parse("""
            00000005 0000000A   # block 5 whose length 10 stops halfway through the type
            0101                # 8 half the extra-data type
            """);
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.IntrusionExtraDataMetadata, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("extra data type"));
            Assert.That(error.Offset, Is.EqualTo(8));
            Assert.That(error.Reason, Does.Contain("truncated"));
        }
    }

    [Test]
    public void String_block_length_overrunning_the_block_names_the_string()
    {
        var bytes = Hex.Parse(Vector);
        bytes[30] = 0x0F; // encoding length 15, one byte past the end of block 5
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.IntrusionExtraDataMetadata, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("encoding"));
            Assert.That(error.Offset, Is.EqualTo(23));
            Assert.That(error.Reason, Does.Contain("overruns"));
        }
    }
}

using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Intrusion;

namespace EStreamer.Protocol.Tests.Records.Intrusion;

/// <summary>Record 110, series-2 block 4, against a vector written from reference 11.14.</summary>
public sealed class ExtraDataRecordTests
{
    // Every field distinct so that a swapped or shifted field cannot pass.
    private static readonly ExtraDataRecord Sample = new()
    {
        DeviceId = 0x01010101,
        EventId = 0x02020202,
        EventSecond = 0x03030303,
        ExtraDataType = 0x04040404,
        Data = new byte[] { 0xC0, 0x00, 0x02, 0x09 },
    };

    private const string Vector = """
        00000004 00000024                     # 0 block type 4, 4 block length 36
        01010101 02020202                     # 8 device ID, 12 event ID
        03030303 04040404                     # 16 event second, 20 extra-data type
        0000000A 0000000C                     # 24 BLOB block (type 10), length 8 + 4
        C0000209                              # 32 data; block ends at 36
        """;

    [Test]
    public void Encoder_writes_the_golden_bytes()
    {
        var bytes = RecordCodec.WriteBody(Sample);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Hex.Parse(Vector))));
            Assert.That(bytes, Has.Length.EqualTo(36));
        }
    }

    [Test]
    public void Decoder_reads_the_golden_bytes_back()
    {
        var decoded = RecordCodec.ReadBody(RecordType.IntrusionExtraData, Hex.Parse(Vector));
        Assert.That(decoded, Is.EqualTo(Sample));
    }

    [Test]
    public void Empty_data_gives_the_minimum_size()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ExtraDataRecord.MinimumSize, Is.EqualTo(8 + 4 * 4 + 8));
            Assert.That(RecordCodec.WriteBody(new ExtraDataRecord()), Has.Length.EqualTo(ExtraDataRecord.MinimumSize));
        }
    }

    [Test]
    public void Unknown_block_type_is_a_protocol_error_naming_the_field()
    {
        var bytes = Hex.Parse("00000005 00000008   # block 5 belongs to record 111");
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.IntrusionExtraData, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("extra data block type"));
            Assert.That(error.Offset, Is.Zero);
        }
    }

    [Test]
    public void Block_length_overrunning_the_record_is_refused()
    {
        var bytes = Hex.Parse(Vector)[..35];
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.IntrusionExtraData, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("extra data block"));
            Assert.That(error.Offset, Is.Zero);
            Assert.That(error.Reason, Does.Contain("overruns"));
        }
    }

    [Test]
    public void Block_that_ends_inside_a_field_names_that_field()
    {
        var bytes = Hex.Parse("""
            00000004 00000012   # block 4 whose length 18 stops halfway through the event second
            01010101 02020202   # 8 device ID, 12 event ID
            0303                # 16 half the event second
            """);
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.IntrusionExtraData, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("event second"));
            Assert.That(error.Offset, Is.EqualTo(16));
            Assert.That(error.Reason, Does.Contain("truncated"));
        }
    }

    [Test]
    public void Blob_length_overrunning_the_block_names_the_data()
    {
        var bytes = Hex.Parse(Vector);
        bytes[31] = 0x0D; // BLOB length 13, one byte past the end of block 4
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.IntrusionExtraData, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("extra data"));
            Assert.That(error.Offset, Is.EqualTo(24));
            Assert.That(error.Reason, Does.Contain("overruns"));
        }
    }

    [Test]
    public void Data_in_a_block_other_than_a_blob_is_refused()
    {
        var bytes = Hex.Parse(Vector);
        bytes[27] = 0x00; // a string block (type 0) where the BLOB block belongs
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.IntrusionExtraData, bytes));
        Assert.That(error!.Field, Is.EqualTo("extra data"));
    }
}

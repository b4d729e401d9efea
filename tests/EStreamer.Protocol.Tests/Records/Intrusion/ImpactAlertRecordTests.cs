using System.Net;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Intrusion;

namespace EStreamer.Protocol.Tests.Records.Intrusion;

/// <summary>Record 9, series-1 block 153, against a vector written from reference 11.7.</summary>
public sealed class ImpactAlertRecordTests
{
    // Every field distinct so that a swapped or shifted field cannot pass; event ID before device ID
    // is the order eNcore decodes.
    private static readonly ImpactAlertRecord Sample = new()
    {
        EventId = 0x01010101,
        DeviceId = 0x02020202,
        EventSecond = 0x03030303,
        Impact = 0x04040404,
        SourceIp = IPAddress.Parse("10.1.2.3"),
        DestinationIp = IPAddress.Parse("2001:db8::7"),
        Description = "[Impact: Red]",
    };

    // 64 bytes with an empty description + 13 text bytes = 77 = 0x4D.
    private const string Vector = """
        00000099 0000004D                     # 0 block type 153, 4 block length 77
        01010101 02020202                     # 8 event ID, 12 device ID
        03030303 04040404                     # 16 event second, 20 impact
        00000000000000000000FFFF0A010203      # 24 source IP 10.1.2.3, IPv4-mapped
        20010DB8000000000000000000000007      # 40 destination IP 2001:db8::7
        00000000 00000015                     # 56 description: string block, length 8 + 13
        5B496D706163743A205265645D            # 64 "[Impact: Red]"; block ends at 77
        """;

    [Test]
    public void Encoder_writes_the_golden_bytes()
    {
        var bytes = RecordCodec.WriteBody(Sample);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Hex.Parse(Vector))));
            Assert.That(bytes, Has.Length.EqualTo(77));
        }
    }

    [Test]
    public void Decoder_reads_the_golden_bytes_back()
    {
        var decoded = RecordCodec.ReadBody(RecordType.IntrusionImpactAlert, Hex.Parse(Vector));
        Assert.That(decoded, Is.EqualTo(Sample));
    }

    [Test]
    public void Empty_description_gives_the_minimum_size()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ImpactAlertRecord.MinimumSize, Is.EqualTo(8 + 4 * 4 + 2 * 16 + 8));
            Assert.That(RecordCodec.WriteBody(new ImpactAlertRecord()), Has.Length.EqualTo(ImpactAlertRecord.MinimumSize));
        }
    }

    [Test]
    public void Unknown_block_type_is_a_protocol_error_naming_the_field()
    {
        var bytes = Hex.Parse("0000009A 00000008");
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.IntrusionImpactAlert, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("impact alert block type"));
            Assert.That(error.Offset, Is.Zero);
        }
    }

    [Test]
    public void Block_length_overrunning_the_record_is_refused()
    {
        var bytes = Hex.Parse(Vector)[..60];
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.IntrusionImpactAlert, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("impact alert block"));
            Assert.That(error.Offset, Is.Zero);
            Assert.That(error.Reason, Does.Contain("overruns"));
        }
    }

    [Test]
    public void Block_that_ends_inside_a_field_names_that_field()
    {
        var bytes = Hex.Parse("""
            00000099 00000016   # block 153 whose length 22 stops halfway through the impact
            01010101 02020202   # 8 event ID, 12 device ID
            03030303 0404       # 16 event second, 20 half the impact
            """);
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.IntrusionImpactAlert, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("impact"));
            Assert.That(error.Offset, Is.EqualTo(20));
            Assert.That(error.Reason, Does.Contain("truncated"));
        }
    }

    [Test]
    public void String_block_length_overrunning_the_block_names_the_string()
    {
        var bytes = Hex.Parse(Vector);
        bytes[63] = 0x16; // description length 22, one byte past the end of block 153
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.IntrusionImpactAlert, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("description"));
            Assert.That(error.Offset, Is.EqualTo(56));
            Assert.That(error.Reason, Does.Contain("overruns"));
        }
    }
}

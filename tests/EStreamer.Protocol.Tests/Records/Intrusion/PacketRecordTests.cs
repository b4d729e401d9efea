using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Intrusion;

namespace EStreamer.Protocol.Tests.Records.Intrusion;

/// <summary>Packet data, record 2, against a vector written by hand from reference 11.1.</summary>
public sealed class PacketRecordTests
{
    private static readonly PacketRecord Sample = new(
        DeviceId: 0x101,
        EventId: 0x202,
        EventSecond: 0x66000001,
        PacketSecond: 0x66000002,
        PacketMicrosecond: 123456,
        LinkType: PacketRecord.Ethernet,
        Packet: new byte[] { 0xDE, 0xAD, 0xBE, 0xEF, 0x01, 0x02 });

    private const string Vector = """
        00000101                      # 0 device ID
        00000202                      # 4 event ID
        66000001                      # 8 event second
        66000002                      # 12 packet second
        0001E240                      # 16 packet microsecond 123456
        00000001                      # 20 link type 1 (Ethernet)
        00000006                      # 24 packet length 6
        DEADBEEF0102                  # 28 packet bytes
        """;

    [Test]
    public void Encoder_writes_the_golden_bytes()
    {
        var bytes = RecordCodec.WriteBody(Sample);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Hex.Parse(Vector))));
            Assert.That(bytes, Has.Length.EqualTo(28 + 6));
        }
    }

    [Test]
    public void Decoder_reads_the_golden_bytes_back()
    {
        Assert.That(RecordCodec.ReadBody(RecordType.PacketData, Hex.Parse(Vector)), Is.EqualTo(Sample));
    }

    [Test]
    public void Empty_packet_is_the_28_byte_fixed_part()
    {
        var bytes = RecordCodec.WriteBody(Sample with { Packet = EquatableArray<byte>.Empty });
        Assert.That(bytes, Has.Length.EqualTo(28));
    }

    [Test]
    public void Packet_length_overrunning_the_record_is_refused()
    {
        var bytes = Hex.Parse(Vector)[..32];
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.PacketData, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("packet length"));
            Assert.That(error.Offset, Is.EqualTo(24));
        }
    }

    [Test]
    public void Record_cut_inside_the_fixed_part_names_the_cut_field()
    {
        var bytes = Hex.Parse(Vector)[..18];
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.PacketData, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("packet microsecond"));
            Assert.That(error.Offset, Is.EqualTo(16));
        }
    }
}

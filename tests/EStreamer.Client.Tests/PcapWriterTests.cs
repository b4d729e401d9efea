using EStreamer.Protocol.Records.Intrusion;

namespace EStreamer.Client.Tests;

/// <summary>The libpcap file <see cref="PcapWriter"/> writes, byte for byte (classic format, little-endian).</summary>
public sealed class PcapWriterTests
{
    // Magic a1b2c3d4, version 2.4, time zone 0, accuracy 0, snap length 65535, link type 1 (Ethernet); all little-endian.
    private const string EthernetGlobalHeader = "D4C3B2A1" + "0200" + "0400" + "00000000" + "00000000" + "FFFF0000" + "01000000";

    [Test]
    public void Packets_follow_the_global_header_with_their_record_2_times_and_lengths()
    {
        using var stream = new MemoryStream();
        using (var writer = new PcapWriter(stream))
        {
            Assert.That(writer.Write(new PacketRecord(1, 2, 1_700_000_000, 1_700_000_001, 123_456, PacketRecord.Ethernet, new byte[] { 0xAA, 0xBB, 0xCC })), Is.True);
            Assert.That(writer.Write(new PacketRecord(1, 3, 1_700_000_000, 1_700_000_002, 7, PacketRecord.Ethernet, new byte[] { 0x01 })), Is.True);
            Assert.That(writer.Packets, Is.EqualTo(2));
        }

        var expected = EthernetGlobalHeader
            + "01F15365" + "40E20100" + "03000000" + "03000000" + "AABBCC"
            + "02F15365" + "07000000" + "01000000" + "01000000" + "01";
        Assert.That(Convert.ToHexString(stream.ToArray()), Is.EqualTo(expected));
    }

    [Test]
    public void The_file_takes_the_first_packets_link_type_and_refuses_another()
    {
        using var stream = new MemoryStream();
        using (var writer = new PcapWriter(stream))
        {
            Assert.That(writer.Write(new PacketRecord(1, 1, 5, 5, 0, 101, new byte[] { 0x45 })), Is.True);
            Assert.That(writer.Write(new PacketRecord(1, 2, 5, 5, 0, PacketRecord.Ethernet, new byte[] { 0x00 })), Is.False);
        }

        var bytes = stream.ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Convert.ToHexString(bytes.AsSpan(20, 4)), Is.EqualTo("65000000"), "link type 101 (raw IP)");
            Assert.That(bytes, Has.Length.EqualTo(PcapWriter.GlobalHeaderSize + PcapWriter.RecordHeaderSize + 1));
        }
    }

    [Test]
    public void A_packet_longer_than_the_snap_length_is_cut_and_keeps_its_original_length()
    {
        using var stream = new MemoryStream();
        using (var writer = new PcapWriter(stream))
        {
            writer.Write(new PacketRecord(1, 1, 5, 5, 0, PacketRecord.Ethernet, new byte[70_000]));
        }

        var bytes = stream.ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Convert.ToHexString(bytes.AsSpan(24 + 8, 8)), Is.EqualTo("FFFF0000" + "70110100"), "captured 65535 of 70000");
            Assert.That(bytes, Has.Length.EqualTo(24 + 16 + 65535));
        }
    }

    [Test]
    public void A_file_without_packets_is_an_empty_ethernet_capture()
    {
        using var stream = new MemoryStream();
        new PcapWriter(stream).Dispose();

        Assert.That(Convert.ToHexString(stream.ToArray()), Is.EqualTo(EthernetGlobalHeader));
    }
}

using System.Net;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Discovery;

namespace EStreamer.Protocol.Tests.Records.Discovery;

/// <summary>
/// The simple discovery records of reference 11.15: the 56-byte discovery header (9.7) followed by a
/// fixed tail, against vectors written by hand.
/// </summary>
public sealed class DiscoveryGoldenVectorTests
{
    private static readonly DiscoveryHeader Header = DiscoveryHeaderSample.Header;

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return Case("Host timeout (19): header only", new HostNoticeRecord(RecordType.HostTimeout, Header), "");
        yield return Case("Host dropped (44): header only", new HostNoticeRecord(RecordType.HostDroppedLimitReached, Header), "");

        // One case per value width.
        yield return Case("New transport protocol (14): uint8", new HostValueRecord(RecordType.NewTransportProtocol, Header, 17), "11   # 56 IP protocol 17");
        yield return Case("Hops change (22): uint8", new HostValueRecord(RecordType.HopsChange, Header, 5), "05   # 56 hops 5");
        yield return Case("New network protocol (13): uint16", new HostValueRecord(RecordType.NewNetworkProtocol, Header, 0x86DD), "86DD   # 56 EtherType IPv6");
        yield return Case("TCP port closed (23): uint16", new HostValueRecord(RecordType.TcpPortClosed, Header, 8080), "1F90   # 56 port 8080");
        yield return Case("Router/bridge (31): uint32", new HostValueRecord(RecordType.HostIdentifiedAsRouter, Header, 2), "00000002   # 56 host type 2 (bridge)");

        yield return Case(
            "Host IP changed (29)",
            new HostIpChangedRecord(Header, IPAddress.Parse("198.51.100.7")),
            "00000000000000000000FFFFC6336407   # 56 new address ::ffff:198.51.100.7");

        yield return Case(
            "Additional MAC (28)",
            new MacAddressRecord(RecordType.AdditionalMacDetected, Header, 0x40, new byte[] { 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F }, 1, 0x65A0B0C1),
            """
            0000005F 00000014             # 56 block type 95, 60 block length 20
            40                            # 64 TTL 64
            0A0B0C0D0E0F                  # 65 MAC address
            01                            # 71 primary
            65A0B0C1                      # 72 last seen
            """);
    }

    [TestCaseSource(nameof(Cases))]
    public void Encoder_writes_the_golden_bytes(IRecord record, string tail, int expectedLength)
    {
        var bytes = RecordCodec.WriteBody(record);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Hex.Parse(DiscoveryHeaderSample.Vector + "\n" + tail))));
            Assert.That(bytes, Has.Length.EqualTo(expectedLength));
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Decoder_reads_the_golden_bytes_back(IRecord record, string tail, int expectedLength)
    {
        var decoded = RecordCodec.ReadBody(record.RecordType, Hex.Parse(DiscoveryHeaderSample.Vector + "\n" + tail));
        Assert.That(decoded, Is.EqualTo(record));
    }

    [Test]
    public void Discovery_header_with_the_IPv6_slot_is_56_bytes()
    {
        using var writer = new WireWriter();
        Header.Write(writer);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(writer.Position, Is.EqualTo(DiscoveryHeader.Size));
            Assert.That(Hex.Format(writer.WrittenSpan), Is.EqualTo(Hex.Format(Hex.Parse(DiscoveryHeaderSample.Vector))));
        }
    }

    [Test]
    public void Discovery_header_without_the_IPv6_flag_stops_at_offset_40()
    {
        var record = new HostNoticeRecord(RecordType.HostTimeout, Header with { HasIPv6 = 0, HostIp = IPAddress.IPv6Any });
        var bytes = RecordCodec.WriteBody(record);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(bytes, Has.Length.EqualTo(40));
            Assert.That(bytes[14], Is.Zero);
            Assert.That(RecordCodec.ReadBody(RecordType.HostTimeout, bytes), Is.EqualTo(record));
        }
    }

    [Test]
    public void Record_cut_inside_the_header_names_the_cut_field()
    {
        var bytes = Hex.Parse(DiscoveryHeaderSample.Vector)[..50];
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.HostTimeout, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("host IPv6 address"));
            Assert.That(error.Offset, Is.EqualTo(40));
        }
    }

    [Test]
    public void Record_cut_before_its_value_names_the_value()
    {
        var bytes = Hex.Parse(DiscoveryHeaderSample.Vector + "\n0000");
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.HostIdentifiedAsRouter, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("value"));
            Assert.That(error.Offset, Is.EqualTo(56));
        }
    }

    [Test]
    public void Wrong_block_type_in_a_MAC_record_is_refused()
    {
        var bytes = Hex.Parse(DiscoveryHeaderSample.Vector + "\n00000060 00000014 40 0A0B0C0D0E0F 01 65A0B0C1");
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.MacInformationChange, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("host MAC block"));
            Assert.That(error.Offset, Is.EqualTo(56));
        }
    }

    [Test]
    public void Value_too_wide_for_its_field_is_refused_when_encoding()
    {
        var record = new HostValueRecord(RecordType.HopsChange, Header, 256);
        Assert.That(() => RecordCodec.WriteBody(record), Throws.TypeOf<OverflowException>());
    }

    private static TestCaseData Case(string name, IRecord record, string tail) =>
        new TestCaseData(record, tail, DiscoveryHeader.Size + Hex.Parse(tail).Length).SetName(name);
}

using System.Net;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Discovery;
using EStreamer.Protocol.Records.Layouts;

namespace EStreamer.Protocol.Tests.Records.Layouts;

/// <summary>
/// The declared-layout codec, pinned on small layouts written here, so that every kind of field (integers,
/// addresses, text, nested blocks, lists, the discovery header) has a byte-exact vector of its own.
/// </summary>
public sealed class LayoutCodecTests
{
    private static readonly BlockLayout Item = new(7, "integer", [LayoutField.UInt32("value")]);

    private static readonly BlockLayout Everything = new(
        0x1234,
        "every kind",
        [
            LayoutField.UInt8("a"), LayoutField.UInt16("b"), LayoutField.UInt32("c"), LayoutField.UInt64("d"),
            LayoutField.IPv4("v4"), LayoutField.IPv6("v6"), LayoutField.Mac("mac"), LayoutField.Uuid("uuid"),
            LayoutField.Text16("t16"), LayoutField.Text32("t32"), LayoutField.String("s"), LayoutField.Blob("blob"),
            LayoutField.ListOf("items", Item),
        ]);

    private static readonly RecordLayout TestLayout = new((RecordType)9999, "test", [LayoutField.Header, LayoutField.Nested("body", Everything)], "test");

    private static readonly DiscoveryHeader Header = new()
    {
        DeviceId = 0x0A0B0C0D,
        LegacyIPv4 = IPAddress.Parse("192.0.2.1"),
        MacAddress = new byte[] { 1, 2, 3, 4, 5, 6 },
        EventSecond = 0x60000001,
        EventMicrosecond = 0x00012345,
        EventType = 1001,
        EventSubtype = 34,
        HostIp = IPAddress.Parse("192.0.2.1"),
    };

    [Test]
    public void Every_field_kind_sits_at_its_offset()
    {
        var values = new FieldValues()
            .Set("header", Header)
            .Set("body", new FieldValues()
                .Set("a", 0xA1UL).Set("b", 0xB2B3UL).Set("c", 0xC4C5C6C7UL).Set("d", 0xD8D9DADBDCDDDEDFUL)
                .Set("v4", IPAddress.Parse("10.1.2.3")).Set("v6", IPAddress.Parse("2001:db8::9"))
                .Set("mac", new byte[] { 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF })
                .Set("uuid", Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"))
                .Set("t16", "ab").Set("t32", "xyz").Set("s", "hi").Set("blob", new byte[] { 0xFE })
                .Set("items", new List<FieldValues> { new FieldValues().Set("value", 5UL), new FieldValues().Set("value", 6UL) }));

        var bytes = RecordCodec.WriteBody(new LayoutRecord(TestLayout, values));

        var expected = Hex.Parse("""
            0A0B0C0D C0000201 010203040506 01 00      # 0 discovery header: device, legacy IPv4, MAC, has-IPv6, reserved
            60000001 00012345 000003E9 00000022       # 16 second, microsecond, type 1001, subtype 34
            00000000 00000000                         # 32 file number, position
            00000000000000000000FFFFC0000201          # 40 host 192.0.2.1 in the IPv6 slot
            00001234 0000007F                         # 56 block 0x1234, length 127
            A1 B2B3 C4C5C6C7 D8D9DADBDCDDDEDF         # 64 uint8, uint16, uint32, uint64
            0A010203                                  # 79 IPv4
            20010DB8000000000000000000000009          # 83 IPv6
            AABBCCDDEEFF                              # 99 MAC
            00112233445566778899AABBCCDDEEFF          # 105 UUID, RFC 4122 order
            0002 6162                                 # 121 uint16 length + text
            00000003 78797A                           # 125 uint32 length + text
            00000000 0000000A 6869                    # 132 string block
            0000000A 00000009 FE                      # 142 BLOB block
            0000000B 00000020                         # 151 list block, length 32
            00000007 0000000C 00000005                # 159 item: block 7, length 12, value 5
            00000007 0000000C 00000006                # 171 item
            """);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(expected)));
            Assert.That(bytes, Has.Length.EqualTo(183));
        }
    }

    [Test]
    public void Fields_left_out_are_written_as_zeros_and_empty_blocks()
    {
        var layout = new RecordLayout((RecordType)9998, "sparse", [LayoutField.UInt16("port"), LayoutField.String("name"), LayoutField.ListOf("items", Item), LayoutField.Nested("one", Item)], "test");

        var bytes = RecordCodec.WriteBody(new LayoutRecord(layout, new FieldValues()));

        Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Hex.Parse("""
            0000                         # port
            00000000 00000008            # empty string block
            0000000B 00000008            # empty list
            00000007 0000000C 00000000   # block of zeros
            """))));
    }

    [Test]
    public void Decoding_gives_back_every_value()
    {
        var layout = new RecordLayout((RecordType)9997, "round", [LayoutField.UInt32("id"), LayoutField.Text32("name"), LayoutField.ListOf("items", Item)], "test");
        var body = Hex.Parse("0000002A 00000003 616263 0000000B 00000014 00000007 0000000C 00000009");

        var reader = new WireReader(body);
        var values = LayoutCodec.Read(ref reader, layout.Fields, path: null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reader.IsAtEnd, Is.True);
            Assert.That(values.Number("id"), Is.EqualTo(42));
            Assert.That(values["name"], Is.EqualTo("abc"));
            Assert.That(values.Items("items").Select(i => i.Number("value")), Is.EqualTo(new[] { 9UL }));
        }
    }

    [Test]
    public void A_value_too_large_for_its_field_names_the_field()
    {
        var layout = new RecordLayout((RecordType)9996, "narrow", [LayoutField.Nested("inner", new BlockLayout(1, "inner", [LayoutField.UInt8("ttl")]))], "test");
        var values = new FieldValues().Set("inner", new FieldValues().Set("ttl", 256UL));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => RecordCodec.WriteBody(new LayoutRecord(layout, values)));

        Assert.That(error!.Message, Does.Contain("inner.ttl holds at most 255"));
    }

    [Test]
    public void A_nested_block_of_the_wrong_type_is_refused_with_its_offset()
    {
        var layout = new RecordLayout((RecordType)9995, "typed", [LayoutField.UInt16("port"), LayoutField.Nested("ioc", Item)], "test");
        var body = Hex.Parse("0050 00000008 0000000C 00000001");

        var error = Assert.Throws<ProtocolException>(() =>
        {
            var reader = new WireReader(body);
            LayoutCodec.Read(ref reader, layout.Fields, path: null);
        });

        Assert.That(error!.Message, Does.Contain("ioc").And.Contain("block type 8, expected 7").And.Contain("2"));
    }

    [Test]
    public void A_list_item_that_overruns_its_list_is_refused()
    {
        var layout = new RecordLayout((RecordType)9994, "list", [LayoutField.ListOf("items", Item)], "test");
        var body = Hex.Parse("0000000B 00000010 00000007 0000000C 00000009");

        Assert.Throws<ProtocolException>(() =>
        {
            var reader = new WireReader(body);
            LayoutCodec.Read(ref reader, layout.Fields, path: null);
        });
    }

    [Test]
    public void Fixed_size_bytes_are_zero_padded_and_read_back_at_full_size()
    {
        var layout = new RecordLayout((RecordType)9993, "hash", [LayoutField.Bytes("sha1", 20), LayoutField.UInt8("after")], "test");
        var values = new FieldValues().Set("sha1", new byte[] { 0xAB, 0xCD }).Set("after", 7UL);

        var bytes = RecordCodec.WriteBody(new LayoutRecord(layout, values));
        var reader = new WireReader(bytes);
        var decoded = LayoutCodec.Read(ref reader, layout.Fields, path: null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Hex.Format(bytes), Is.EqualTo("ABCD" + new string('0', 36) + "07"));
            Assert.That(Hex.Format((byte[])decoded["sha1"]), Is.EqualTo("ABCD" + new string('0', 36)));
            Assert.That(decoded.Number("after"), Is.EqualTo(7));
        }
    }

    [Test]
    public void Fixed_size_bytes_longer_than_the_field_are_refused_with_its_name()
    {
        var layout = new RecordLayout((RecordType)9992, "hash", [LayoutField.Bytes("sha1", 20)], "test");
        var values = new FieldValues().Set("sha1", new byte[21]);

        var error = Assert.Throws<ArgumentException>(() => RecordCodec.WriteBody(new LayoutRecord(layout, values)));

        Assert.That(error!.Message, Does.Contain("sha1 holds 21 bytes; the field is 20 bytes"));
    }
}

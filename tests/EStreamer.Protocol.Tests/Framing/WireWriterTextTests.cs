using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Tests.Framing;

/// <summary>
/// Texts on the wire: a string block (reference 9.3: type 0, length counting its 8 header bytes, then UTF-8), a
/// 16-bit length and its UTF-8 text, and the 32-bit ID–length–name body (9.6). Lengths count bytes, not characters.
/// </summary>
public sealed class WireWriterTextTests
{
    [TestCase("", "00000000 00000008", TestName = "String_block_empty")]
    [TestCase("abc", "00000000 0000000B | 616263", TestName = "String_block_ascii")]
    [TestCase("é€😀", "00000000 00000011 | C3A9 | E282AC | F09F9880", TestName = "String_block_two_three_and_four_byte_characters")]
    public void String_block(string text, string golden)
    {
        using var writer = new WireWriter(4);
        writer.WriteStringBlock(text);
        Assert.That(Hex.Format(writer.WrittenSpan), Is.EqualTo(Hex.Format(Hex.Parse(golden))));
    }

    [Test]
    public void String16_and_string32_count_utf8_bytes_after_other_fields()
    {
        using var writer = new WireWriter(1);
        writer.WriteUInt8(0x7F);
        writer.WriteString16("ré", "field");
        writer.WriteString32("€");
        writer.WriteUInt8(0x7E);
        Assert.That(Hex.Format(writer.WrittenSpan), Is.EqualTo(Hex.Format(Hex.Parse("""
            7F              # a byte before
            0003 | 72C3A9   # 16-bit length 3, "ré"
            00000003 | E282AC   # 32-bit length 3, "€"
            7E              # a byte after
            """))));
    }

    [Test]
    public void String16_takes_the_longest_text_that_fits_and_refuses_one_byte_more_writing_nothing()
    {
        // 21,845 three-byte characters are 65,535 bytes: the most a 16-bit length holds.
        var longest = new string('€', ushort.MaxValue / 3);
        using var writer = new WireWriter(16);
        writer.WriteString16(longest, "rule message");
        Assert.That(writer.Position, Is.EqualTo(2 + ushort.MaxValue));
        Assert.That(Hex.Format(writer.WrittenSpan[..5]), Is.EqualTo("FFFFE282AC"));

        writer.Reset();
        var failure = Assert.Throws<ArgumentException>(() => writer.WriteString16(longest + "a", "rule message"));
        Assert.That(failure!.Message, Does.StartWith("rule message is 65536 bytes; a 16-bit length holds at most 65535"));
        Assert.That(writer.Position, Is.Zero);
    }
}

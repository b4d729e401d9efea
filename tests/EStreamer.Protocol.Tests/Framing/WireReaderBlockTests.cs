using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Tests.Framing;

/// <summary>A block header cut short names the word it is cut in, and the offset where that word starts.</summary>
public sealed class WireReaderBlockTests
{
    [TestCase("0000", "string block type", 0)]
    [TestCase("00000004 0000", "string block length", 4)]
    public void A_block_header_cut_short_names_the_word_it_is_cut_in(string hex, string field, int offset)
    {
        var bytes = Hex.Parse(hex);
        var error = Assert.Throws<ProtocolException>(() =>
        {
            var reader = new WireReader(bytes);
            reader.ReadBlock("string", out _);
        });

        Assert.Multiple(() =>
        {
            Assert.That(error!.Field, Is.EqualTo(field));
            Assert.That(error.Offset, Is.EqualTo(offset));
        });
    }

    [Test]
    public void A_whole_block_header_is_read()
    {
        var reader = new WireReader(Hex.Parse("00000004 0000000B 616263"));
        var body = reader.ReadBlock("string", out var blockType);
        var (remaining, atEnd) = (body.Remaining, reader.IsAtEnd);

        Assert.That((blockType, remaining, atEnd), Is.EqualTo((4u, 3, true)));
    }
}

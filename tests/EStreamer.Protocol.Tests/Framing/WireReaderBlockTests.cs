using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Tests.Framing;

/// <summary>
/// A block header cut short names the word it is cut in, and the offset where that word starts; the end check
/// names what has bytes left over, and makes that name only then.
/// </summary>
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

    [Test]
    public void The_end_check_names_what_has_bytes_left_over()
    {
        var reader = new WireReader(Hex.Parse("00000004 0000"));
        reader.ReadUInt32("first");
        var recordType = 71u;
        ProtocolException? error = null;
        try
        {
            reader.ExpectEnd($"record {recordType} body");
        }
        catch (ProtocolException failure)
        {
            error = failure;
        }

        Assert.That((error?.Field, error?.Offset), Is.EqualTo(("record 71 body", 4)));
    }

    [Test]
    public void The_end_check_makes_no_name_when_nothing_is_left()
    {
        var reader = new WireReader(Hex.Parse("00000004"));
        reader.ReadUInt32("first");
        var recordType = 71u;
        reader.ExpectEnd($"record {recordType} body");

        var before = GC.GetAllocatedBytesForCurrentThread();
        reader.ExpectEnd($"record {recordType} body");
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}

using DotNetty.Buffers;
using DotNetty.Transport.Channels.Embedded;
using EStreamer.Emulator.Pipeline;
using EStreamer.Protocol.Messages;

namespace EStreamer.Emulator.Tests.Pipeline;

/// <summary>The encoder stage alone: messages in, byte-exact frames out (reference 2.1 header layout).</summary>
public sealed class MessageEncoderTests
{
    [Test]
    public void Null_encodes_as_a_bare_version_1_header()
    {
        Assert.That(Encode(NullMessage.Instance), Is.EqualTo("0001000000000000"));
    }

    [Test]
    public void Error_encodes_code_and_text_after_the_header()
    {
        // Header: version 1, type 1 (Error), length 8; then code -1, text length 2, "ok".
        Assert.That(Encode(new ErrorMessage(-1, "ok")), Is.EqualTo("0001000100000008FFFFFFFF00026F6B"));
    }

    [Test]
    public void Encoder_output_matches_the_write_path_encoding()
    {
        var message = new EventStreamRequestMessage(0x5F5E1000, RequestFlags.EncoreDefault);
        var direct = MessageEncoder.Encode(UnpooledByteBufferAllocator.Default, message);
        try
        {
            Assert.That(Encode(message), Is.EqualTo(ByteBufferUtil.HexDump(direct).ToUpperInvariant()));
        }
        finally
        {
            direct.Release();
        }
    }

    private static string Encode(IMessage message)
    {
        var channel = new EmbeddedChannel(MessageEncoder.Instance);
        Assert.That(channel.WriteOutbound(message), Is.True);
        var buffer = channel.ReadOutbound<IByteBuffer>();
        try
        {
            return ByteBufferUtil.HexDump(buffer).ToUpperInvariant();
        }
        finally
        {
            buffer.Release();
            Assert.That(channel.FinishAndReleaseAll(), Is.False);
        }
    }
}

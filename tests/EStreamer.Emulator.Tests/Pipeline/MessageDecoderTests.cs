using DotNetty.Buffers;
using DotNetty.Codecs;
using DotNetty.Transport.Channels.Embedded;
using EStreamer.Emulator.Pipeline;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Messages;

namespace EStreamer.Emulator.Tests.Pipeline;

/// <summary>The framer and decoder stages alone in an embedded channel, fed the way TCP may deliver bytes.</summary>
public sealed class MessageDecoderTests
{
    private static readonly byte[] Request = Convert.FromHexString("00010002000000085F5E100048900061");
    private static readonly EventStreamRequestMessage Expected = new(0x5F5E1000, RequestFlags.EncoreDefault);

    [Test]
    public void Whole_frame_decodes_to_the_request()
    {
        var channel = NewChannel();
        channel.WriteInbound(Unpooled.WrappedBuffer(Request));
        Assert.That(channel.ReadInbound<IMessage>(), Is.EqualTo(Expected));
        Assert.That(channel.Finish(), Is.False);
    }

    [Test]
    public void Frame_delivered_one_byte_at_a_time_decodes_once_complete()
    {
        var channel = NewChannel();
        for (var i = 0; i < Request.Length - 1; i++)
        {
            channel.WriteInbound(Unpooled.WrappedBuffer(Request, i, 1));
            Assert.That(channel.ReadInbound<IMessage>(), Is.Null, $"nothing before byte {i + 1}");
        }

        channel.WriteInbound(Unpooled.WrappedBuffer(Request, Request.Length - 1, 1));
        Assert.That(channel.ReadInbound<IMessage>(), Is.EqualTo(Expected));
        Assert.That(channel.Finish(), Is.False);
    }

    [Test]
    public void Two_frames_in_one_write_decode_to_two_messages()
    {
        var channel = NewChannel();
        var nul = Convert.FromHexString("0001000000000000");
        channel.WriteInbound(Unpooled.WrappedBuffer([.. Request, .. nul]));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(channel.ReadInbound<IMessage>(), Is.EqualTo(Expected));
            Assert.That(channel.ReadInbound<IMessage>(), Is.EqualTo(NullMessage.Instance));
        }

        Assert.That(channel.Finish(), Is.False);
    }

    [Test]
    public void Length_over_the_maximum_fails_on_the_header_alone()
    {
        var channel = NewChannel(maxLength: 1024);
        var header = Convert.FromHexString("0001000200010000");
        Assert.That(() => channel.WriteInbound(Unpooled.WrappedBuffer(header)), Throws.InstanceOf<TooLongFrameException>());
        channel.FinishAndReleaseAll();
    }

    [Test]
    public void Bad_frame_raises_a_protocol_error_and_later_frames_are_discarded()
    {
        var channel = NewChannel();
        var bad = Convert.FromHexString("0002000000000000");
        var thrown = Assert.Throws<DecoderException>(() => channel.WriteInbound(Unpooled.WrappedBuffer(bad)));
        Assert.That(thrown!.InnerException, Is.TypeOf<ProtocolException>().With.Property(nameof(ProtocolException.Field)).EqualTo("header version"));

        channel.WriteInbound(Unpooled.WrappedBuffer(Request));
        Assert.That(channel.ReadInbound<IMessage>(), Is.Null, "the decoder stays failed after a bad frame");
        channel.FinishAndReleaseAll();
    }

    [TestCase("80000000")]
    [TestCase("FFFFFFFF")]
    [TestCase("00010009")]
    public void Length_of_2_to_the_31_or_more_fails_as_too_long_like_any_other(string lengthHex)
    {
        var channel = NewChannel();
        var header = Convert.FromHexString("00010002" + lengthHex);
        var thrown = Assert.Throws<TooLongFrameException>(() => channel.WriteInbound(Unpooled.WrappedBuffer(header)));
        Assert.That(thrown!.Message, Does.Contain($"length {Convert.ToUInt32(lengthHex, 16)} exceeds the maximum of 65536"));

        channel.WriteInbound(Unpooled.WrappedBuffer(Request));
        Assert.That(channel.ReadInbound<IMessage>(), Is.Null, "the framer stays failed after a bad header");
        channel.FinishAndReleaseAll();
    }

    private static EmbeddedChannel NewChannel(uint maxLength = 64 * 1024) =>
        new(new MessageFramer(maxLength, TimeSpan.FromSeconds(30), TimeProvider.System), new MessageDecoder(maxLength));
}

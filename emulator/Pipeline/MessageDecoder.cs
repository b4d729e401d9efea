using DotNetty.Buffers;
using DotNetty.Codecs;
using DotNetty.Transport.Channels;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Messages;

namespace EStreamer.Emulator.Pipeline;

/// <summary>
/// Turns one frame (header + payload, cut by the length-field framer) into a typed message through the
/// protocol reader. After a bad frame it stays failed and discards the rest: the session answers with an
/// Error and closes (disconnect rule for errors while processing a request, reference 7.3).
/// </summary>
internal sealed class MessageDecoder : MessageToMessageDecoder<IByteBuffer>
{
    private readonly uint _maxLength;
    private bool _failed;

    public MessageDecoder(uint maxLength)
    {
        _maxLength = maxLength;
    }

    protected override void Decode(IChannelHandlerContext context, IByteBuffer message, List<object> output)
    {
        if (_failed)
        {
            return;
        }

        var length = message.ReadableBytes;
        var bytes = new byte[length];
        message.ReadBytes(bytes);
        try
        {
            output.Add(MessageCodec.Read(bytes, _maxLength));
        }
        catch (ProtocolException)
        {
            _failed = true;
            throw;
        }
    }

    /// <summary>
    /// The framer for the 8-byte header (reference 2.1): the length at offset 4 counts the bytes after the
    /// header; frames over the maximum fail at once, before their body arrives.
    /// </summary>
    public static LengthFieldBasedFrameDecoder CreateFramer(uint maxLength) => new(
        ByteOrder.BigEndian,
        maxFrameLength: checked((int)maxLength + MessageHeader.Size),
        lengthFieldOffset: MessageHeader.LengthFieldOffset,
        lengthFieldLength: 4,
        lengthAdjustment: 0,
        initialBytesToStrip: 0,
        failFast: true);
}

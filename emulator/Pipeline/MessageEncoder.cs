using DotNetty.Buffers;
using DotNetty.Codecs;
using DotNetty.Transport.Channels;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Messages;

namespace EStreamer.Emulator.Pipeline;

/// <summary>
/// Writes each message whole into one buffer (eNcore loses framing if a message pauses half-way,
/// reference 12.3). Stateless and shared by every channel. Sessions and faults write through
/// <see cref="ConnectionWriter"/>, which encodes with <see cref="Encode(IByteBufferAllocator, IMessage)"/> to know each message's size; this
/// stage serves any message written onto the channel as an <see cref="IMessage"/>.
/// </summary>
internal sealed class MessageEncoder : MessageToByteEncoder<IMessage>
{
    public static readonly MessageEncoder Instance = new();

    public override bool IsSharable => true;

    /// <summary>Encodes a message into a new buffer: the one encoding of every message the server writes.</summary>
    public static IByteBuffer Encode(IByteBufferAllocator allocator, IMessage message)
    {
        var buffer = allocator.Buffer();
        try
        {
            WriteTo(message, buffer);
            return buffer;
        }
        catch
        {
            buffer.Release();
            throw;
        }
    }

    protected override void Encode(IChannelHandlerContext context, IMessage message, IByteBuffer output) => WriteTo(message, output);

    private static void WriteTo(IMessage message, IByteBuffer output)
    {
        using var writer = new WireWriter();
        MessageCodec.Write(writer, message);
        var written = writer.WrittenSegment;
        output.WriteBytes(written.Array!, written.Offset, written.Count);
    }
}

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

    // One writer per thread, reused: encoding then costs no growing and no renting per message. Messages
    // are encoded on event loop threads, so there are only a few of these.
    [ThreadStatic]
    private static WireWriter? t_writer;

    /// <summary>Encodes a message into a new buffer of exactly its size: the one encoding of every message the server writes.</summary>
    public static IByteBuffer Encode(IByteBufferAllocator allocator, IMessage message)
    {
        var written = WriteToScratch(message);
        var buffer = allocator.Buffer(written.Count, written.Count);
        buffer.WriteBytes(written.Array!, written.Offset, written.Count);
        return buffer;
    }

    protected override void Encode(IChannelHandlerContext context, IMessage message, IByteBuffer output)
    {
        var written = WriteToScratch(message);
        output.WriteBytes(written.Array!, written.Offset, written.Count);
    }

    /// <summary>The message's bytes in this thread's writer; valid until the thread encodes the next one.</summary>
    private static ArraySegment<byte> WriteToScratch(IMessage message)
    {
        var writer = t_writer ??= new WireWriter(64 * 1024);
        writer.Reset();
        MessageCodec.Write(writer, message);
        return writer.WrittenSegment;
    }
}

using DotNetty.Buffers;
using DotNetty.Transport.Channels;
using EStreamer.Emulator.Tls;

namespace EStreamer.Emulator.Pipeline;

/// <summary>
/// First stage: notes that the client sent something and what its first record says (<see cref="ClientHello"/>),
/// without consuming a byte, then leaves the pipeline. A failed handshake is then told apart from a client
/// that connected and left, and explained.
/// </summary>
internal sealed class ClientHelloPeekHandler : ChannelHandlerAdapter
{
    /// <summary>A TLS record's header and largest body: the ClientHello is in there if it is in this read at all.</summary>
    private const int MaxPeek = 5 + 16 * 1024;

    private readonly ConnectionState _connection;

    public ClientHelloPeekHandler(ConnectionState connection)
    {
        _connection = connection;
    }

    public override void ChannelRead(IChannelHandlerContext context, object message)
    {
        if (message is IByteBuffer { ReadableBytes: > 0 } buffer)
        {
            var bytes = new byte[Math.Min(buffer.ReadableBytes, MaxPeek)];
            buffer.GetBytes(buffer.ReaderIndex, bytes);
            _connection.Hello = ClientHello.Parse(bytes);
            context.Channel.Pipeline.Remove(this);
        }

        context.FireChannelRead(message);
    }
}

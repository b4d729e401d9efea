using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Messages;

namespace EStreamer.Client;

/// <summary>
/// One whole message as it came off the wire: the checked 8-byte header and every byte, header included,
/// so a caller can decode it, keep it raw, or decode only part of it.
/// </summary>
public sealed class MessageFrame
{
    public MessageFrame(MessageHeader header, byte[] bytes)
    {
        Header = header;
        Bytes = bytes;
    }

    public MessageHeader Header { get; }

    public MessageType Type => Header.Type;

    /// <summary>Header and payload.</summary>
    public byte[] Bytes { get; }

    public ReadOnlySpan<byte> Payload => Bytes.AsSpan(MessageHeader.Size);

    /// <summary>The typed message; a payload the protocol library cannot read is a <see cref="EStreamerClientFailure.MalformedMessage"/>.</summary>
    public IMessage Decode()
    {
        try
        {
            return MessageCodec.Read(Bytes, uint.MaxValue);
        }
        catch (ProtocolException failure)
        {
            throw new EStreamerClientException(EStreamerClientFailure.MalformedMessage, $"server sent a message type {(ushort)Type} that cannot be read: {failure.Message}", failure);
        }
    }
}

using System.Buffers.Binary;
using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Messages;

/// <summary>The 8-byte standard header that starts every message (reference 2.1).</summary>
public readonly record struct MessageHeader(ushort Version, MessageType Type, uint Length)
{
    public const int Size = 8;

    /// <summary>The only header version any source knows; eNcore drops the session on any other.</summary>
    public const ushort CurrentVersion = 1;

    /// <summary>Offset of the length field, for length-field frame decoders.</summary>
    public const int LengthFieldOffset = 4;

    public static void Write(Span<byte> destination, MessageType type, uint length)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, CurrentVersion);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)type);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], length);
    }

    /// <summary>Reads and validates a header: version 1 and a length within <paramref name="maxLength"/>.</summary>
    public static MessageHeader Read(ReadOnlySpan<byte> source, uint maxLength)
    {
        var reader = new WireReader(source);
        var version = reader.ReadUInt16("header version");
        if (version != CurrentVersion)
        {
            throw new ProtocolException("header version", 0, $"version {version}, expected {CurrentVersion}");
        }

        var type = (MessageType)reader.ReadUInt16("message type");
        var length = reader.ReadUInt32("message length");
        if (length > maxLength)
        {
            throw new ProtocolException("message length", LengthFieldOffset, $"length {length} exceeds the maximum of {maxLength}");
        }

        return new MessageHeader(version, type, length);
    }
}

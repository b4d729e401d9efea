using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Records;

namespace EStreamer.Protocol.Messages;

/// <summary>
/// Message Bundle, type 4002 (reference 6.3): connection ID, sequence number (1 for the first bundle of
/// a connection) and Event Data items, each framed as uint32 type 4, uint32 length, payload.
/// </summary>
public sealed record MessageBundle(uint ConnectionId, uint SequenceNumber, EquatableArray<EventData> Items) : IMessage
{
    /// <summary>The 32-bit item type eNcore insists on: bytes 00 00 00 04.</summary>
    public const uint ItemType = 4;

    public MessageType MessageType => MessageType.MessageBundle;
}

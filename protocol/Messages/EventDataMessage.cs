using EStreamer.Protocol.Records;

namespace EStreamer.Protocol.Messages;

/// <summary>Event Data, type 4: one record with its record header (reference 6.1).</summary>
public sealed record EventDataMessage(EventData Data) : IMessage
{
    public MessageType MessageType => MessageType.EventData;
}

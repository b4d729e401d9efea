namespace EStreamer.Protocol.Messages;

/// <summary>Event Stream Request, type 2: initial timestamp and request flags (reference 4.1–4.2).</summary>
public sealed record EventStreamRequestMessage(uint InitialTimestamp, RequestFlags Flags) : IMessage
{
    /// <summary>Start with the oldest data the server holds.</summary>
    public const uint FromOldest = 0;

    /// <summary>Start now: only events that arrive after the request.</summary>
    public const uint FromNow = 0xFFFFFFFF;

    public MessageType MessageType => MessageType.EventStreamRequest;
}

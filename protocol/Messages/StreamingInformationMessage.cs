using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Messages;

/// <summary>One advertised service of a Streaming Information message (reference 5.1–5.2).</summary>
public readonly record struct StreamingService(uint ServiceId, uint Flags = 0, uint InitialTimestamp = 0);

/// <summary>
/// Streaming Information, type 2051: the services the server offers, each with service length 8
/// (bytes after the type and length words, reference 5.4). Sent once, in reply to a request with bit 30.
/// </summary>
public sealed record StreamingInformationMessage(EquatableArray<StreamingService> Services) : IMessage
{
    /// <summary>The recommended answer: one eStreamer service, 6667 (reference 5.2).</summary>
    public static StreamingInformationMessage EStreamerOnly { get; } = new(new[] { new StreamingService(StreamingRequestMessage.EStreamerService) });

    public MessageType MessageType => MessageType.StreamingInformation;
}

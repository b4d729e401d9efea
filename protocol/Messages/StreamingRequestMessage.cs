using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Messages;

/// <summary>One (version, code) entry of a Streaming Request; version first on the wire (reference 5.1).</summary>
public readonly record struct EventTypeEntry(ushort Version, ushort Code);

/// <summary>
/// Streaming Request, type 2049 (reference 5.3): one service structure with the client's flags, start
/// time and (version, code) list. <see cref="ServiceLength"/> is what the wire carried; readers do not
/// trust it (reference 5.4). Writers use eNcore's reading (the whole payload) when it is null.
/// </summary>
public sealed record StreamingRequestMessage(
    uint ServiceId,
    RequestFlags Flags,
    uint InitialTimestamp,
    EquatableArray<EventTypeEntry> Entries,
    uint? ServiceLength = null) : IMessage
{
    public const uint EStreamerService = 6667;

    public MessageType MessageType => MessageType.StreamingRequest;
}

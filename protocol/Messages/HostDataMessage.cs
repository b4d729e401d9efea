using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Messages;

/// <summary>
/// Single (6) or Multiple (7) Host Data (reference 8.2): no record header, the payload is directly a
/// full-host-profile data block. A header-only type-7 message (<see cref="ProfileBlockType"/> null)
/// ends a range answer.
/// </summary>
public sealed record HostDataMessage(MessageType MessageType, uint? ProfileBlockType, EquatableArray<byte> ProfileBody) : IMessage
{
    public static HostDataMessage EndOfList { get; } = new(MessageType.MultipleHostData, null, EquatableArray<byte>.Empty);
}

using System.Net;

namespace EStreamer.Protocol.Messages;

/// <summary>
/// Host Data Request, type 5 (reference 8.1): data type, flags, start and end address. Addresses are
/// 4 bytes (message length 16) or 16 bytes (length 40); <see cref="WideAddresses"/> says which.
/// </summary>
public sealed record HostDataRequestMessage(uint DataType, uint Flags, IPAddress StartAddress, IPAddress EndAddress, bool WideAddresses) : IMessage
{
    public const uint FlagHostNotes = 0x1;
    public const uint FlagServiceBanners = 0x2;

    public MessageType MessageType => MessageType.HostDataRequest;
}

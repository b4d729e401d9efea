using EStreamer.Protocol.Records;

namespace EStreamer.Client;

/// <summary>
/// One record out of an Event Data message or a bundle item. When the protocol library could not read
/// it, <see cref="Data"/> holds an <see cref="OpaqueRecord"/> with the raw body and <see cref="DecodeError"/> says why.
/// </summary>
public sealed record DecodedRecord(EventData Data, string? DecodeError = null)
{
    public bool Decoded => DecodeError is null;
}

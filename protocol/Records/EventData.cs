namespace EStreamer.Protocol.Records;

/// <summary>
/// The payload of an Event Data message or bundle item: a record plus its header (reference 6.1–6.2).
/// With <see cref="ExtendedHeader"/> (request flag bit 23) the header carries the archive timestamp
/// and a reserved word; without it only record type and length travel.
/// </summary>
public sealed record EventData(IRecord Record, uint ArchiveTimestamp = 0, bool ExtendedHeader = true, uint Reserved = 0)
{
    public const int StandardHeaderSize = 8;
    public const int ExtendedHeaderSize = 16;

    public int HeaderSize => ExtendedHeader ? ExtendedHeaderSize : StandardHeaderSize;
}

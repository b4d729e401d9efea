using EStreamer.Protocol.Records;

namespace EStreamer.Emulator.Events;

/// <summary>
/// One record the server holds, in archive order: its sequence in the journal, the archive (server)
/// timestamp clients bookmark on, and the metadata records that must reach a client before it
/// (reference 12.4: rule messages, classifications, devices, zones...).
/// </summary>
/// <remarks>
/// A value, not an object: the journal keeps its events in one array of these, so a million held events are not
/// a million more objects for the collector, and a session deciding what to send reads the record's type here
/// without touching the record itself (cold in memory for an old event) unless it has to encode it. The
/// properties have no setters, so a copy made with <c>with</c> cannot change the record under its type.
/// </remarks>
public readonly record struct StoredEvent
{
    public StoredEvent(long sequence, uint archiveTimestamp, IRecord record, IReadOnlyList<IRecord> metadata)
    {
        Sequence = sequence;
        ArchiveTimestamp = archiveTimestamp;
        Record = record;
        Type = record.RecordType;
        Metadata = metadata;
    }

    public long Sequence { get; }

    public uint ArchiveTimestamp { get; }

    public IRecord Record { get; }

    /// <summary>The record's type, read once when the event is stored.</summary>
    public RecordType Type { get; }

    public IReadOnlyList<IRecord> Metadata { get; }
}

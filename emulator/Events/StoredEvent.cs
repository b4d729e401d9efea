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
/// without touching the record itself (cold in memory for an old event) unless it has to encode it.
/// </remarks>
public readonly record struct StoredEvent(long Sequence, uint ArchiveTimestamp, IRecord Record, IReadOnlyList<IRecord> Metadata)
{
    /// <summary>The record's type, read once when the event is stored.</summary>
    public RecordType Type { get; } = Record.RecordType;
}

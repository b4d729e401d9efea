using EStreamer.Protocol.Records;

namespace EStreamer.Emulator.Events;

/// <summary>
/// One record the server holds, in archive order: its sequence in the journal, the archive (server)
/// timestamp clients bookmark on, and the metadata records that must reach a client before it
/// (reference 12.4: rule messages, classifications, devices, zones...). The record is held as its stored body
/// (<see cref="StoredBody"/>, what the journal keeps of events) or as itself (metadata, and a record its own
/// layout cannot carry).
/// </summary>
/// <remarks>
/// A value, not an object: the journal keeps its events in one array of these, so a million held events are not
/// a million more objects for the collector, and a session deciding what to send reads the record's type here
/// without touching the record. The properties have no setters, so a copy made with <c>with</c> cannot change the
/// record under its type. The record and the body's array share one field, so a held event is 48 bytes.
/// </remarks>
public readonly record struct StoredEvent
{
    // The record itself, or the array its stored body is in.
    private readonly object _held;
    private readonly int _offset;
    private readonly int _length;
    private readonly uint? _ownBlockType;

    /// <summary>An event that holds its record as it is.</summary>
    public StoredEvent(long sequence, uint archiveTimestamp, IRecord record, IReadOnlyList<IRecord> metadata)
    {
        Sequence = sequence;
        ArchiveTimestamp = archiveTimestamp;
        _held = record;
        Type = record.RecordType;
        Metadata = metadata;
    }

    /// <summary>An event that holds its record of <paramref name="type"/> as the stored <paramref name="body"/>.</summary>
    public StoredEvent(long sequence, uint archiveTimestamp, RecordType type, StoredBody body, IReadOnlyList<IRecord> metadata)
    {
        Sequence = sequence;
        ArchiveTimestamp = archiveTimestamp;
        _held = body.Chunk;
        _offset = body.Offset;
        _length = body.Length;
        _ownBlockType = body.OwnBlockType;
        Type = type;
        Metadata = metadata;
    }

    public long Sequence { get; }

    public uint ArchiveTimestamp { get; }

    /// <summary>The record: the one held, or decoded from the stored body (a new object on every read).</summary>
    public IRecord Record => _held as IRecord ?? Body.Decode(Type);

    /// <summary>The record when the event holds it as it is; null when it holds the stored body.</summary>
    public IRecord? HeldRecord => _held as IRecord;

    /// <summary>The stored body; empty when the event holds the record itself.</summary>
    public StoredBody Body => _held is byte[] chunk ? new StoredBody(chunk, _offset, _length, _ownBlockType) : default;

    /// <summary>The record's type, read once when the event is stored.</summary>
    public RecordType Type { get; }

    public IReadOnlyList<IRecord> Metadata { get; }
}

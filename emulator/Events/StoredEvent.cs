using EStreamer.Protocol.Records;

namespace EStreamer.Emulator.Events;

/// <summary>
/// One record the server holds, in archive order: its sequence in the journal, the archive (server)
/// timestamp clients bookmark on, and the metadata records that must reach a client before it
/// (reference 12.4: rule messages, classifications, devices, zones...).
/// </summary>
public sealed record StoredEvent(long Sequence, uint ArchiveTimestamp, IRecord Record, IReadOnlyList<IRecord> Metadata);

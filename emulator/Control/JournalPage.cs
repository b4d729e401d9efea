namespace EStreamer.Emulator.Control;

/// <summary>
/// GET /journal: the entries asked for, plus the oldest and newest sequence held. Poll with
/// ?since=LastSequence; a <see cref="FirstSequence"/> above the since you sent means entries fell out of the ring.
/// </summary>
public sealed record JournalPage(long FirstSequence, long LastSequence, int Capacity, IReadOnlyList<JournalEntry> Entries);

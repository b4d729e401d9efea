using EStreamer.Protocol.Records;

namespace EStreamer.Emulator.Events;

/// <summary>
/// A held event's record as the journal keeps it: the body the record writes of itself
/// (<see cref="IRecord.WriteBody"/>, its own layout), a range of a large shared array. A session whose negotiation
/// sends the record as it is copies these bytes; any other decodes them into the record first.
/// </summary>
/// <param name="Chunk">The array the body is in, shared with the bodies stored before and after it.</param>
/// <param name="Offset">Where the body starts in <paramref name="Chunk"/>.</param>
/// <param name="Length">The body's length in bytes.</param>
/// <param name="OwnBlockType">The record's own block type when it is a versioned record (<see cref="IVersionedRecord"/>), else null.</param>
public readonly record struct StoredBody(byte[] Chunk, int Offset, int Length, uint? OwnBlockType)
{
    /// <summary>True when there is no stored body (the journal holds the record itself).</summary>
    public bool IsEmpty => Chunk is null;

    public ReadOnlySpan<byte> Span => Chunk.AsSpan(Offset, Length);

    /// <summary>The record again, a new object each time.</summary>
    public IRecord Decode(RecordType recordType) => RecordCodec.ReadBody(recordType, Span);
}

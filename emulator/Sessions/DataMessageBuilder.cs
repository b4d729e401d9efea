using DotNetty.Buffers;
using EStreamer.Emulator.Events;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Negotiation;
using EStreamer.Protocol.Records;

namespace EStreamer.Emulator.Sessions;

/// <summary>
/// A record a session is about to send: a stored event, or metadata (<see cref="Event"/> null) that rides with
/// one. For an event the archive timestamp is the stored one with the extended header and 0 without, as the
/// shared payloads are keyed by the header form.
/// </summary>
internal readonly record struct PendingItem(StoredEvent? Event, IRecord Record, uint ArchiveTimestamp);

/// <summary>
/// Builds a session's data messages straight into bytes, a bundle (reference 6.3) or one Event Data message
/// (reference 6.1) per item, with the same bytes <see cref="MessageCodec"/> writes for those messages. A stored
/// event's payload comes from <see cref="SharedEncodings"/> when another session with the same layout encoded
/// it; otherwise it is shaped for this session's negotiation, encoded and remembered there.
/// </summary>
internal sealed class DataMessageBuilder
{
    // One writer per event-loop thread: a message is built and copied out before the thread builds another.
    [ThreadStatic]
    private static WireWriter? t_writer;

    private readonly SharedEncodings _shared;
    private StreamNegotiation? _negotiation;
    private bool _extendedHeader;

    public DataMessageBuilder(SharedEncodings shared)
    {
        _shared = shared;
    }

    public void Configure(StreamNegotiation negotiation, bool extendedHeader)
    {
        _negotiation = negotiation;
        _extendedHeader = extendedHeader;
    }

    /// <summary>A Message Bundle of <paramref name="items"/>, in a buffer of exactly its size.</summary>
    public IByteBuffer Bundle(IByteBufferAllocator allocator, uint connectionId, uint sequence, List<PendingItem> items)
    {
        var writer = Scratch();
        var lengthAt = BeginMessage(writer, MessageType.MessageBundle);
        writer.WriteUInt32(connectionId);
        writer.WriteUInt32(sequence);
        foreach (var item in items)
        {
            writer.WriteUInt32(MessageBundle.ItemType);
            var itemLengthAt = writer.ReserveUInt32();
            var itemStart = writer.Position;
            WritePayload(writer, item);
            writer.PatchUInt32(itemLengthAt, (uint)(writer.Position - itemStart));
        }

        return EndMessage(writer, lengthAt, allocator);
    }

    /// <summary>One Event Data message for <paramref name="item"/>, in a buffer of exactly its size.</summary>
    public IByteBuffer EventData(IByteBufferAllocator allocator, PendingItem item)
    {
        var writer = Scratch();
        var lengthAt = BeginMessage(writer, MessageType.EventData);
        WritePayload(writer, item);
        return EndMessage(writer, lengthAt, allocator);
    }

    private static WireWriter Scratch()
    {
        var writer = t_writer ??= new WireWriter(64 * 1024);
        writer.Reset();
        return writer;
    }

    private static int BeginMessage(WireWriter writer, MessageType type)
    {
        writer.WriteUInt16(MessageHeader.CurrentVersion);
        writer.WriteUInt16((ushort)type);
        return writer.ReserveUInt32();
    }

    private static IByteBuffer EndMessage(WireWriter writer, int lengthAt, IByteBufferAllocator allocator)
    {
        writer.PatchUInt32(lengthAt, (uint)(writer.Position - MessageHeader.Size));
        var written = writer.WrittenSegment;
        var buffer = allocator.Buffer(written.Count, written.Count);
        buffer.WriteBytes(written.Array!, written.Offset, written.Count);
        return buffer;
    }

    private void WritePayload(WireWriter writer, PendingItem item)
    {
        var negotiation = _negotiation ?? throw new InvalidOperationException("the builder has no negotiation yet");
        if (item.Event is not { } stored
            || !negotiation.Streamed.TryGetValue(RecordFamilies.FamilyOf(item.Record.RecordType), out var layout))
        {
            RecordCodec.WritePayload(writer, new EventData(negotiation.Shape(item.Record), item.ArchiveTimestamp, _extendedHeader));
            return;
        }

        if (_shared.Find(stored, negotiation.Profile, layout, _extendedHeader) is { } payload)
        {
            writer.WriteBytes(payload);
            return;
        }

        var start = writer.Position;
        RecordCodec.WritePayload(writer, new EventData(negotiation.Shape(item.Record), item.ArchiveTimestamp, _extendedHeader));
        _shared.Remember(stored, negotiation.Profile, layout, _extendedHeader, writer.WrittenSpan[start..].ToArray());
    }
}

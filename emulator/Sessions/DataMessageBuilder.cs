using DotNetty.Buffers;
using EStreamer.Emulator.Events;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Negotiation;
using EStreamer.Protocol.Records;

namespace EStreamer.Emulator.Sessions;

/// <summary>
/// A record a session is about to send: a stored event (its journal <see cref="Sequence"/>, from 1), or metadata
/// (sequence 0) that rides with one. For an event the archive timestamp is the stored one with the extended
/// header and 0 without, as the shared payloads are keyed by the header form. The type is carried beside the
/// record so that an event whose payload another session encoded is sent without reading the record at all. An
/// event holds its record as the journal does: as itself (<see cref="HeldRecord"/>) or as its stored body.
/// </summary>
internal readonly record struct PendingItem(IRecord? HeldRecord, StoredBody Body, RecordType Type, long Sequence, uint ArchiveTimestamp)
{
    /// <summary>A stored event, sent with <paramref name="archiveTimestamp"/> (its own, or 0 without the extended header).</summary>
    public static PendingItem ForEvent(in StoredEvent stored, uint archiveTimestamp) =>
        new(stored.HeldRecord, stored.Body, stored.Type, stored.Sequence, archiveTimestamp);

    /// <summary>A metadata record: no sequence, archive timestamp 0 (reference 4.2).</summary>
    public static PendingItem ForMetadata(IRecord record) => new(record, default, record.RecordType, 0, 0);

    /// <summary>True for a stored event, false for metadata riding with one.</summary>
    public bool IsEvent => Sequence > 0;

    /// <summary>The record: the one held, or decoded from the stored body (a new object on every read).</summary>
    public IRecord Record => HeldRecord ?? Body.Decode(Type);

    /// <summary>What tells this event's record apart from others kept at the same sequence: the record held, or the array of its body.</summary>
    public object Holder => (object?)HeldRecord ?? Body.Chunk;
}

/// <summary>
/// Builds a session's data messages straight into bytes, a bundle (reference 6.3) or one Event Data message
/// (reference 6.1) per item, with the same bytes <see cref="MessageCodec"/> writes for those messages. A stored
/// event's payload is its stored body when this session's negotiation sends the record as it is; otherwise it
/// comes from <see cref="SharedEncodings"/> when another session with the same layout encoded it, or it is
/// decoded, shaped for this session's negotiation and encoded into the thread's scratch writer (and, while other
/// sessions read the same source, kept for them).
/// </summary>
internal sealed class DataMessageBuilder
{
    // One writer per event-loop thread: a message's payloads are encoded into it and copied out before the
    // thread builds another message.
    [ThreadStatic]
    private static WireWriter? t_scratch;

    private readonly SharedEncodings _shared;
    private readonly List<Payload> _payloads = [];
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

    /// <summary>A Message Bundle of <paramref name="items"/>, written straight into a buffer of exactly its size.</summary>
    public IByteBuffer Bundle(IByteBufferAllocator allocator, uint connectionId, uint sequence, List<PendingItem> items)
    {
        // Payloads first (shared bytes, or encoded now into the scratch writer), so the bundle's size is known
        // and each payload is copied once, into the buffer that is sent.
        var scratch = Scratch();
        _payloads.Clear();
        var length = 8;
        foreach (var item in items)
        {
            var payload = PayloadOf(item, scratch);
            _payloads.Add(payload);
            length += 8 + payload.Length;
        }

        var buffer = allocator.Buffer(MessageHeader.Size + length, MessageHeader.Size + length);
        WriteHeader(buffer, MessageType.MessageBundle, length);
        buffer.WriteInt((int)connectionId);
        buffer.WriteInt((int)sequence);
        foreach (var payload in _payloads)
        {
            buffer.WriteInt((int)MessageBundle.ItemType);
            buffer.WriteInt(payload.Length);
            payload.CopyTo(buffer, scratch);
        }

        _payloads.Clear();
        return buffer;
    }

    /// <summary>One Event Data message for <paramref name="item"/>, in a buffer of exactly its size.</summary>
    public IByteBuffer EventData(IByteBufferAllocator allocator, PendingItem item)
    {
        var scratch = Scratch();
        var payload = PayloadOf(item, scratch);
        var buffer = allocator.Buffer(MessageHeader.Size + payload.Length, MessageHeader.Size + payload.Length);
        WriteHeader(buffer, MessageType.EventData, payload.Length);
        payload.CopyTo(buffer, scratch);
        return buffer;
    }

    /// <summary>Sets the sequence number of a bundle this builder wrote (reference 6.3: after the header and the connection ID).</summary>
    public static void SetBundleSequence(IByteBuffer bundle, uint sequence) =>
        bundle.SetInt(bundle.ReaderIndex + MessageHeader.Size + 4, (int)sequence);

    private static void WriteHeader(IByteBuffer buffer, MessageType type, int length)
    {
        // DotNetty writes integers big-endian, as the wire wants them.
        buffer.WriteShort(MessageHeader.CurrentVersion);
        buffer.WriteShort((ushort)type);
        buffer.WriteInt(length);
    }

    private static WireWriter Scratch()
    {
        var writer = t_scratch ??= new WireWriter(64 * 1024);
        writer.Reset();
        return writer;
    }

    /// <summary>
    /// The Event Data payload of <paramref name="item"/>, at the end of <paramref name="scratch"/>: a stored
    /// event's shared bytes copied there when a session with this layout encoded it, otherwise encoded now (and
    /// kept for the others while they read the same source).
    /// </summary>
    private Payload PayloadOf(PendingItem item, WireWriter scratch)
    {
        var negotiation = _negotiation ?? throw new InvalidOperationException("the builder has no negotiation yet");
        FamilyLayout? layout = null;
        var start = scratch.Position;
        if (item.IsEvent && negotiation.Streamed.TryGetValue(RecordFamilies.FamilyOf(item.Type), out var streamed))
        {
            layout = streamed;
            if (!item.Body.IsEmpty && negotiation.WritesAsIs(item.Type, item.Body.OwnBlockType))
            {
                // The stored body is what this client gets: copied, nothing encoded.
                RecordCodec.WritePayload(scratch, item.Type, item.Body.Span, item.ArchiveTimestamp, _extendedHeader);
                return new Payload(start, scratch.Position - start);
            }

            if (_shared.TryCopy(item, negotiation.Profile, streamed, _extendedHeader, scratch))
            {
                return new Payload(start, scratch.Position - start);
            }
        }

        try
        {
            // Shaped without a copy: an older block type is passed to the record's writer rather than made into a new record.
            var shaped = negotiation.ShapeForWriting(item.Record, out var blockType);
            RecordCodec.WritePayload(scratch, shaped, item.ArchiveTimestamp, _extendedHeader, blockType: blockType);
        }
        catch (Exception failure) when (RecordCodec.IsUnwritableValue(failure))
        {
            var type = item.Type;
            var which = item.IsEvent ? $"event {item.Sequence}, record {type} ({(uint)type})" : $"metadata record {type} ({(uint)type})";
            throw new RecordNotEncodableException($"{which} could not be encoded: {failure.Message}", failure);
        }

        var length = scratch.Position - start;
        if (layout is not null && _shared.Sharing)
        {
            _shared.Remember(item, negotiation.Profile, layout, _extendedHeader, scratch.WrittenSpan.Slice(start, length));
        }

        return new Payload(start, length);
    }

    /// <summary>A payload's bytes: a range of the scratch writer (encoded there, or copied there from the shared ones).</summary>
    private readonly record struct Payload(int Start, int Length)
    {
        public void CopyTo(IByteBuffer buffer, WireWriter scratch)
        {
            var written = scratch.WrittenSegment;
            buffer.WriteBytes(written.Array!, written.Offset + Start, Length);
        }
    }
}

/// <summary>A record a session was to send whose values its layout cannot carry; the message names the record.</summary>
internal sealed class RecordNotEncodableException(string message, Exception inner) : Exception(message, inner);

using System.Buffers.Binary;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Records;

namespace EStreamer.Client;

/// <summary>
/// Records out of Event Data messages (type 4) and bundles (4002). A record the protocol library cannot
/// read does not stop the others: it comes out raw with the reason, so a client of a real server keeps
/// going past a record type or version it does not know. Broken framing is a
/// <see cref="EStreamerClientFailure.MalformedMessage"/>.
/// </summary>
public static class RecordDecoder
{
    /// <summary>True for the message types that carry records.</summary>
    public static bool CarriesRecords(MessageType type) => type is MessageType.EventData or MessageType.MessageBundle;

    /// <summary>The records of an Event Data message or a bundle, in order.</summary>
    public static IReadOnlyList<DecodedRecord> Decode(MessageFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return frame.Type switch
        {
            MessageType.EventData => [DecodeEventData(frame.Bytes)],
            MessageType.MessageBundle => DecodeBundle(frame.Bytes),
            _ => throw new ArgumentException($"message type {(ushort)frame.Type} carries no records", nameof(frame)),
        };
    }

    private static DecodedRecord DecodeEventData(byte[] message)
    {
        try
        {
            return new DecodedRecord(((EventDataMessage)MessageCodec.Read(message, uint.MaxValue)).Data);
        }
        catch (ProtocolException failure)
        {
            return new DecodedRecord(RawItem(message.AsSpan(MessageHeader.Size)), failure.Message);
        }
    }

    /// <summary>
    /// A bundle decodes whole through the protocol library; only if that fails are its items split by
    /// hand (reference 6.3) so that the readable ones still come out.
    /// </summary>
    private static List<DecodedRecord> DecodeBundle(byte[] message)
    {
        try
        {
            return ((MessageBundle)MessageCodec.Read(message, uint.MaxValue)).Items.Select(item => new DecodedRecord(item)).ToList();
        }
        catch (ProtocolException)
        {
            // Fall through to item-by-item decoding below.
        }

        var items = new List<DecodedRecord>();
        var span = message.AsSpan();
        var offset = MessageHeader.Size + 8;
        if (span.Length < offset)
        {
            throw Malformed($"server sent a message bundle of {span.Length} bytes, too short for its connection ID and sequence number");
        }

        while (offset < span.Length)
        {
            if (span.Length - offset < 8)
            {
                throw Malformed($"server sent a message bundle whose item at offset {offset} is cut short");
            }

            var itemType = BinaryPrimitives.ReadUInt32BigEndian(span[offset..]);
            var length = BinaryPrimitives.ReadUInt32BigEndian(span[(offset + 4)..]);
            if (itemType != MessageBundle.ItemType)
            {
                throw Malformed($"server sent a message bundle item of type {itemType} at offset {offset}, expected {MessageBundle.ItemType}");
            }

            if (length > (uint)(span.Length - offset - 8))
            {
                throw Malformed($"server sent a message bundle item at offset {offset} whose length {length} overruns the bundle");
            }

            var payload = span.Slice(offset + 8, (int)length);
            try
            {
                items.Add(new DecodedRecord(RecordCodec.ReadPayload(payload, offset + 8)));
            }
            catch (ProtocolException failure)
            {
                items.Add(new DecodedRecord(RawItem(payload), failure.Message));
            }

            offset += 8 + (int)length;
        }

        return items;
    }

    /// <summary>The item's record header read by hand and its body kept raw (reference 6.1–6.2).</summary>
    private static EventData RawItem(ReadOnlySpan<byte> payload)
    {
        var recordType = payload.Length >= 4 ? BinaryPrimitives.ReadUInt32BigEndian(payload) : 0;
        var recordLength = payload.Length >= 8 ? BinaryPrimitives.ReadUInt32BigEndian(payload[4..]) : 0;
        var extended = payload.Length >= EventData.ExtendedHeaderSize && (ulong)recordLength + EventData.ExtendedHeaderSize == (ulong)payload.Length;
        var archive = extended ? BinaryPrimitives.ReadUInt32BigEndian(payload[8..]) : 0;
        var bodyStart = Math.Min(payload.Length, extended ? EventData.ExtendedHeaderSize : EventData.StandardHeaderSize);
        return new EventData(new OpaqueRecord((RecordType)recordType, payload[bodyStart..].ToArray()), archive, extended);
    }

    private static EStreamerClientException Malformed(string text) => new(EStreamerClientFailure.MalformedMessage, text);
}

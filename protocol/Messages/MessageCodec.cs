using System.Net;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Records;

namespace EStreamer.Protocol.Messages;

/// <summary>
/// Writes and reads whole messages: the standard header (reference 2.1) and each type's payload.
/// Reading checks header version 1, a length that matches the bytes given and stays under a maximum,
/// and each payload's own framing; failures raise <see cref="ProtocolException"/>.
/// </summary>
public static class MessageCodec
{
    /// <summary>Default ceiling on a message's length field: 16 MiB.</summary>
    public const uint DefaultMaxMessageLength = 16 * 1024 * 1024;

    /// <summary>Writes header and payload; the length field is patched once the payload is written.</summary>
    public static void Write(WireWriter writer, IMessage message)
    {
        var start = writer.Position;
        writer.WriteUInt16(MessageHeader.CurrentVersion);
        writer.WriteUInt16((ushort)message.MessageType);
        var lengthAt = writer.ReserveUInt32();
        WritePayload(writer, message);
        writer.PatchUInt32(lengthAt, (uint)(writer.Position - start - MessageHeader.Size));
    }

    /// <summary>Encodes one message into a new array.</summary>
    public static byte[] Encode(IMessage message)
    {
        using var writer = new WireWriter();
        Write(writer, message);
        return writer.ToArray();
    }

    /// <summary>Reads one whole message: exactly the header plus the bytes its length field announces.</summary>
    public static IMessage Read(ReadOnlySpan<byte> message, uint maxLength = DefaultMaxMessageLength)
    {
        if (message.Length < MessageHeader.Size)
        {
            throw new ProtocolException("message header", 0, $"needs 8 bytes but only {message.Length} remain (truncated)");
        }

        var header = MessageHeader.Read(message, maxLength);
        var available = message.Length - MessageHeader.Size;
        if (header.Length != (uint)available)
        {
            var reason = header.Length > (uint)available
                ? $"length {header.Length} but only {available} payload bytes follow (truncated)"
                : $"length {header.Length} but {available} payload bytes follow";
            throw new ProtocolException("message length", MessageHeader.LengthFieldOffset, reason);
        }

        return ReadPayload(header.Type, message[MessageHeader.Size..]);
    }

    private static void WritePayload(WireWriter writer, IMessage message)
    {
        switch (message)
        {
            case NullMessage:
                break;
            case ErrorMessage error:
                writer.WriteInt32(error.Code);
                writer.WriteString16(error.Text, "error text");
                break;
            case EventStreamRequestMessage request:
                writer.WriteUInt32(request.InitialTimestamp);
                writer.WriteUInt32((uint)request.Flags);
                break;
            case EventDataMessage data:
                RecordCodec.WritePayload(writer, data.Data);
                break;
            case HostDataRequestMessage hostRequest:
                writer.WriteUInt32(hostRequest.DataType);
                writer.WriteUInt32(hostRequest.Flags);
                WriteHostAddress(writer, hostRequest.StartAddress, hostRequest.WideAddresses);
                WriteHostAddress(writer, hostRequest.EndAddress, hostRequest.WideAddresses);
                break;
            case HostDataMessage host:
                if (host.ProfileBlockType is { } blockType)
                {
                    var block = writer.BeginBlock(blockType);
                    writer.WriteBytes(host.ProfileBody.AsSpan());
                    writer.EndBlock(block);
                }

                break;
            case StreamingRequestMessage streaming:
                WriteStreamingRequest(writer, streaming);
                break;
            case StreamingInformationMessage information:
                foreach (var service in information.Services)
                {
                    writer.WriteUInt32(service.ServiceId);
                    writer.WriteUInt32(8);
                    writer.WriteUInt32(service.Flags);
                    writer.WriteUInt32(service.InitialTimestamp);
                }

                break;
            case MessageBundle bundle:
                writer.WriteUInt32(bundle.ConnectionId);
                writer.WriteUInt32(bundle.SequenceNumber);
                foreach (var item in bundle.Items)
                {
                    writer.WriteUInt32(MessageBundle.ItemType);
                    var itemLengthAt = writer.ReserveUInt32();
                    var itemStart = writer.Position;
                    RecordCodec.WritePayload(writer, item);
                    writer.PatchUInt32(itemLengthAt, (uint)(writer.Position - itemStart));
                }

                break;
            default:
                throw new ArgumentException($"no encoder for {message.GetType().Name}", nameof(message));
        }
    }

    private static void WriteStreamingRequest(WireWriter writer, StreamingRequestMessage streaming)
    {
        var serviceStart = writer.Position;
        writer.WriteUInt32(streaming.ServiceId);
        var serviceLengthAt = writer.ReserveUInt32();
        writer.WriteUInt32((uint)streaming.Flags);
        writer.WriteUInt32(streaming.InitialTimestamp);
        foreach (var entry in streaming.Entries)
        {
            writer.WriteUInt16(entry.Version);
            writer.WriteUInt16(entry.Code);
        }

        writer.WriteUInt32(0); // (0, 0) terminator
        writer.PatchUInt32(serviceLengthAt, streaming.ServiceLength ?? (uint)(writer.Position - serviceStart));
    }

    private static void WriteHostAddress(WireWriter writer, IPAddress address, bool wide)
    {
        if (wide)
        {
            writer.WriteIPv6(address);
        }
        else
        {
            writer.WriteIPv4(address);
        }
    }

    private static IMessage ReadPayload(MessageType type, ReadOnlySpan<byte> payload)
    {
        var reader = new WireReader(payload, MessageHeader.Size);
        IMessage message;
        switch (type)
        {
            case MessageType.Null:
                message = NullMessage.Instance;
                break;
            case MessageType.Error:
                message = ReadError(ref reader);
                break;
            case MessageType.EventStreamRequest:
                message = new EventStreamRequestMessage(reader.ReadUInt32("initial timestamp"), (RequestFlags)reader.ReadUInt32("request flags"));
                break;
            case MessageType.EventData:
                return new EventDataMessage(RecordCodec.ReadPayload(payload, MessageHeader.Size));
            case MessageType.HostDataRequest:
                message = ReadHostDataRequest(ref reader);
                break;
            case MessageType.SingleHostData:
            case MessageType.MultipleHostData:
                message = ReadHostData(type, ref reader);
                break;
            case MessageType.StreamingRequest:
                return ReadStreamingRequest(ref reader);
            case MessageType.StreamingInformation:
                message = ReadStreamingInformation(ref reader);
                break;
            case MessageType.MessageBundle:
                message = ReadBundle(ref reader);
                break;
            default:
                throw new ProtocolException("message type", 2, $"unknown message type {(ushort)type}");
        }

        reader.ExpectEnd($"message type {(ushort)type} payload");
        return message;
    }

    private static ErrorMessage ReadError(ref WireReader reader)
    {
        var code = reader.ReadInt32("error code");
        var at = reader.Offset;
        var length = reader.ReadUInt16("error text length");
        if (length != reader.Remaining)
        {
            throw new ProtocolException("error text length", at, $"length {length} but {reader.Remaining} text bytes follow");
        }

        return new ErrorMessage(code, reader.ReadUtf8(length, "error text"));
    }

    private static HostDataRequestMessage ReadHostDataRequest(ref WireReader reader)
    {
        bool wide;
        if (reader.Length == 16)
        {
            wide = false;
        }
        else if (reader.Length == 40)
        {
            wide = true;
        }
        else
        {
            throw new ProtocolException("message length", MessageHeader.LengthFieldOffset, $"host data request length {reader.Length}, expected 16 (IPv4) or 40 (IPv6)");
        }

        var dataType = reader.ReadUInt32("data type");
        var flags = reader.ReadUInt32("host request flags");
        var start = wide ? reader.ReadIPv6("start IP address") : reader.ReadIPv4("start IP address");
        var end = wide ? reader.ReadIPv6("end IP address") : reader.ReadIPv4("end IP address");
        return new HostDataRequestMessage(dataType, flags, start, end, wide);
    }

    private static HostDataMessage ReadHostData(MessageType type, ref WireReader reader)
    {
        if (reader.IsAtEnd)
        {
            return new HostDataMessage(type, null, EquatableArray<byte>.Empty);
        }

        var body = reader.ReadBlock("host profile", out var blockType);
        return new HostDataMessage(type, blockType, body.ReadFixed(body.Remaining, "host profile body"));
    }

    private static StreamingRequestMessage ReadStreamingRequest(ref WireReader reader)
    {
        // The service length is not trusted (reference 5.4): entries run to (0, 0) or the end.
        var serviceId = reader.ReadUInt32("service ID");
        var serviceLength = reader.ReadUInt32("service length");
        var flags = (RequestFlags)reader.ReadUInt32("service flags");
        var initialTimestamp = reader.ReadUInt32("service initial timestamp");
        var entries = new List<EventTypeEntry>();
        while (reader.Remaining >= 4)
        {
            var version = reader.ReadUInt16("event version");
            var code = reader.ReadUInt16("event code");
            if (version == 0 && code == 0)
            {
                break;
            }

            entries.Add(new EventTypeEntry(version, code));
        }

        return new StreamingRequestMessage(serviceId, flags, initialTimestamp, entries.ToArray(), serviceLength);
    }

    private static StreamingInformationMessage ReadStreamingInformation(ref WireReader reader)
    {
        // Clients step over services by 8 + service length (the "after" reading of reference 5.4).
        var services = new List<StreamingService>();
        while (!reader.IsAtEnd)
        {
            var serviceId = reader.ReadUInt32("service ID");
            var at = reader.Offset;
            var length = reader.ReadUInt32("service length");
            if (length > (uint)reader.Remaining)
            {
                throw new ProtocolException("service length", at, $"length {length} overruns the {reader.Remaining} bytes left");
            }

            var body = new WireReader(reader.ReadBytes((int)length, "service body"), reader.Offset - (int)length);
            var flags = body.Remaining >= 4 ? body.ReadUInt32("service flags") : 0;
            var timestamp = body.Remaining >= 4 ? body.ReadUInt32("service initial timestamp") : 0;
            services.Add(new StreamingService(serviceId, flags, timestamp));
        }

        return new StreamingInformationMessage(services.ToArray());
    }

    private static MessageBundle ReadBundle(ref WireReader reader)
    {
        var connectionId = reader.ReadUInt32("connection ID");
        var sequence = reader.ReadUInt32("sequence number");
        var items = new List<EventData>();
        while (!reader.IsAtEnd)
        {
            var itemAt = reader.Offset;
            var itemType = reader.ReadUInt32("bundle item type");
            if (itemType != MessageBundle.ItemType)
            {
                throw new ProtocolException("bundle item type", itemAt, $"item type {itemType}, expected {MessageBundle.ItemType}");
            }

            var lengthAt = reader.Offset;
            var length = reader.ReadUInt32("bundle item length");
            if (length > (uint)reader.Remaining)
            {
                throw new ProtocolException("bundle item length", lengthAt, $"length {length} overruns the {reader.Remaining} bytes left");
            }

            var payloadOffset = reader.Offset;
            items.Add(RecordCodec.ReadPayload(reader.ReadBytes((int)length, "bundle item"), payloadOffset));
        }

        return new MessageBundle(connectionId, sequence, items.ToArray());
    }
}

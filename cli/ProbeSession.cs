using System.Buffers.Binary;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Negotiation;
using EStreamer.Protocol.Records;

namespace EStreamer.Emulator.Cli;

/// <summary>
/// The eStreamer half of a probe, once TLS is up: request, the extended exchange if asked for, then
/// records until the count is reached. Reads like eNcore (reference 12.2) with two differences that
/// keep the traffic minimal: a Null goes back only for data (each bundle, each Event Data message),
/// not for keep-alives; and nothing is sent after the 2051 but the 2049.
/// </summary>
internal sealed class ProbeSession
{
    /// <summary>A refusal is silent (reference 1.4): the client can only infer it from this EOF, so the line names the likely causes.</summary>
    public const string NotAcceptedMessage =
        "server closed the connection after the handshake without answering: client certificate not accepted (unknown peer, revoked, or source address does not match the certificate)";

    private readonly ProbeConnection _connection;
    private readonly ProbeOptions _options;
    private readonly TextWriter _output;
    private readonly TextWriter _report;

    private bool _answered;
    private int _records;
    private int _bundles;
    private int _eventDataMessages;
    private int _keepalives;
    private int _undecodable;

    public ProbeSession(ProbeConnection connection, ProbeOptions options, TextWriter output, TextWriter report)
    {
        _connection = connection;
        _options = options;
        _output = output;
        _report = report;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var families = _options.Extended ? _options.Families : _options.Families.Except(ProbeRequest.WithoutFlagBit(_options.Families)).ToArray();
        if (families.Count != _options.Families.Count)
        {
            Say($"not requested: {string.Join(", ", ProbeRequest.WithoutFlagBit(_options.Families).Select(ProbeRequest.NameOf))} (no request flag bit selects them; add --extended)");
        }

        var flags = ProbeRequest.Flags(families, _options.Extended);
        Say($"request: start {DescribeStart(_options.StartTime)}, flags 0x{(uint)flags:X8} ({flags.Describe()})");
        await SendAsync(new EventStreamRequestMessage(_options.StartTime, flags), cancellationToken).ConfigureAwait(false);

        var deadline = DateTime.UtcNow + _options.Timeout;
        if (_options.Extended)
        {
            var information = await ReceiveStreamingInformationAsync(deadline, cancellationToken).ConfigureAwait(false);
            Say($"streaming information: services {string.Join(", ", information.Services.Select(s => s.ServiceId))}");
            if (!information.Services.Any(s => s.ServiceId == StreamingRequestMessage.EStreamerService))
            {
                throw new ProbeFailedException($"the server's Streaming Information (2051) offers no eStreamer service ({StreamingRequestMessage.EStreamerService})");
            }

            if (_options.Count == 0)
            {
                Say("count 0: connection checked, no records asked for");
                return;
            }

            var entries = ProbeRequest.Entries(families);
            Say($"streaming request: {string.Join(", ", entries.Select(e => $"{ProbeRequest.NameOf((EventFamily)e.Code)} v{e.Version}"))}");
            await SendAsync(new StreamingRequestMessage(StreamingRequestMessage.EStreamerService, flags, _options.StartTime, entries), cancellationToken).ConfigureAwait(false);
            deadline = DateTime.UtcNow + _options.Timeout;
        }

        while (_records < _options.Count || !_answered)
        {
            var message = await ReceiveAsync(deadline, cancellationToken).ConfigureAwait(false);
            var type = (MessageType)BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(2));
            switch (type)
            {
                case MessageType.Null:
                    _keepalives++;
                    break;
                case MessageType.EventData:
                    _eventDataMessages++;
                    await EmitAsync(DecodeEventData(message), cancellationToken).ConfigureAwait(false);
                    deadline = DateTime.UtcNow + _options.Timeout;
                    break;
                case MessageType.MessageBundle:
                    _bundles++;
                    await EmitAsync(DecodeBundle(message), cancellationToken).ConfigureAwait(false);
                    deadline = DateTime.UtcNow + _options.Timeout;
                    break;
                case MessageType.Error:
                    throw ServerError(message);
                default:
                    Say($"ignored: unexpected message type {(ushort)type} ({message.Length} bytes)");
                    break;
            }

            if (_options.Count == 0)
            {
                Say("count 0: connection checked, no records asked for");
                return;
            }
        }

        var undecodable = _undecodable == 0 ? string.Empty : $", not decodable (written with decodeError): {_undecodable}";
        Say($"done: {_records} records (bundles: {_bundles}, event data messages: {_eventDataMessages}, keep-alives skipped: {_keepalives}{undecodable})");
    }

    private static string DescribeStart(uint start) => start switch
    {
        EventStreamRequestMessage.FromOldest => "0 (oldest)",
        EventStreamRequestMessage.FromNow => "0xFFFFFFFF (now)",
        _ => $"{start} ({DateTimeOffset.FromUnixTimeSeconds(start).UtcDateTime:yyyy-MM-ddTHH:mm:ssZ})",
    };

    /// <summary>
    /// What a decoder failure leaves: the item's record header read by hand and its body kept
    /// raw, so one record the protocol library cannot read does not end a probe of a real server.
    /// </summary>
    private static EventData RawItem(ReadOnlySpan<byte> payload)
    {
        var recordType = payload.Length >= 4 ? BinaryPrimitives.ReadUInt32BigEndian(payload) : 0;
        var recordLength = payload.Length >= 8 ? BinaryPrimitives.ReadUInt32BigEndian(payload[4..]) : 0;
        var extended = payload.Length >= EventData.ExtendedHeaderSize && (ulong)recordLength + EventData.ExtendedHeaderSize == (ulong)payload.Length;
        var archive = extended ? BinaryPrimitives.ReadUInt32BigEndian(payload[8..]) : 0;
        var bodyStart = Math.Min(payload.Length, extended ? EventData.ExtendedHeaderSize : EventData.StandardHeaderSize);
        return new EventData(new OpaqueRecord((RecordType)recordType, payload[bodyStart..].ToArray()), archive, extended);
    }

    private static ProbeFailedException ServerError(byte[] message)
    {
        try
        {
            var error = (ErrorMessage)MessageCodec.Read(message);
            return new ProbeFailedException($"server answered with Error {error.Code}: {error.Text.Replace("\0", string.Empty, StringComparison.Ordinal).ReplaceLineEndings(" ")}");
        }
        catch (ProtocolException failure)
        {
            return new ProbeFailedException($"server answered with an Error message that cannot be read: {failure.Message}", failure);
        }
    }

    private async Task<StreamingInformationMessage> ReceiveStreamingInformationAsync(DateTime deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            var bytes = await ReceiveAsync(deadline, cancellationToken).ConfigureAwait(false);
            IMessage message;
            try
            {
                message = MessageCodec.Read(bytes);
            }
            catch (ProtocolException failure)
            {
                throw new ProbeFailedException($"server answered the extended request with a malformed message: {failure.Message}", failure);
            }

            switch (message)
            {
                case StreamingInformationMessage information:
                    return information;
                case NullMessage:
                    _keepalives++;
                    break;
                case ErrorMessage:
                    throw ServerError(bytes);
                default:
                    throw new ProbeFailedException($"server answered the extended request with message type {(ushort)message.MessageType} instead of Streaming Information (2051)");
            }
        }
    }

    /// <summary>
    /// The next whole message. Until the server has said anything, an end of stream means it refused the
    /// client after the handshake (reference 1.4); afterwards it means it stopped streaming early.
    /// </summary>
    private async Task<byte[]> ReceiveAsync(DateTime deadline, CancellationToken cancellationToken)
    {
        var wait = deadline - DateTime.UtcNow;
        if (wait <= TimeSpan.Zero)
        {
            throw TimedOut();
        }

        byte[]? message;
        using (var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timer.CancelAfter(wait);
            try
            {
                message = await _connection.ReceiveAsync(timer.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException failure) when (!cancellationToken.IsCancellationRequested)
            {
                throw TimedOut(failure);
            }
        }

        if (message is null)
        {
            if (!_answered)
            {
                throw new ProbeFailedException(_connection.ClientCertificateSent
                    ? NotAcceptedMessage
                    : "server closed the connection after the handshake without answering (it had not asked for a client certificate)");
            }

            throw new ProbeFailedException($"server closed the connection after {_records} of {_options.Count} records");
        }

        try
        {
            MessageHeader.Read(message, uint.MaxValue);
        }
        catch (ProtocolException failure)
        {
            throw new ProbeFailedException($"server sent a message the protocol does not allow: {failure.Message}", failure);
        }

        if (!_answered)
        {
            _answered = true;
            var type = (MessageType)BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(2));
            Say($"client certificate accepted: the server answered the request (first message: {type}, type {(ushort)type})");
        }

        return message;
    }

    private ProbeFailedException TimedOut(Exception? cause = null)
    {
        var seconds = $"{_options.Timeout.TotalSeconds:0.#} s";
        string text;
        if (!_answered)
        {
            text = _options.Extended
                ? $"timed out waiting for the server's answer to the request: nothing within {seconds}"
                : $"timed out waiting for records: the server sent nothing within {seconds} of the request";
        }
        else
        {
            text = $"timed out waiting for records: {_records} of {_options.Count} received, then none for {seconds}";
        }

        return cause is null ? new ProbeFailedException(text) : new ProbeFailedException(text, cause);
    }

    private async Task SendAsync(IMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await _connection.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException failure) when (!_answered)
        {
            // A server that refuses a client right after the handshake may have closed before the request got out.
            throw new ProbeFailedException(NotAcceptedMessage, failure);
        }
        catch (IOException failure)
        {
            throw new ProbeFailedException($"server closed the connection after {_records} of {_options.Count} records", failure);
        }
    }

    private async Task EmitAsync(IReadOnlyList<(EventData Data, string? Error)> items, CancellationToken cancellationToken)
    {
        foreach (var (data, error) in items)
        {
            if (_records >= _options.Count)
            {
                break;
            }

            if (error is not null)
            {
                _undecodable++;
            }

            await _output.WriteLineAsync(RecordJson.Serialize(data, error)).ConfigureAwait(false);
            _records++;
        }

        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (_records < _options.Count)
        {
            // "Ready for more": one Null per data message, as eNcore acknowledges (reference 7.1).
            await SendAsync(NullMessage.Instance, cancellationToken).ConfigureAwait(false);
        }
    }

    private List<(EventData, string?)> DecodeEventData(byte[] message)
    {
        try
        {
            return [(((EventDataMessage)MessageCodec.Read(message)).Data, null)];
        }
        catch (ProtocolException failure)
        {
            return [(RawItem(message.AsSpan(MessageHeader.Size)), failure.Message)];
        }
    }

    /// <summary>
    /// A bundle decodes whole through the protocol library; only if that fails are its items split by
    /// hand (reference 6.3) so that the readable ones still come out. Broken framing ends the probe.
    /// </summary>
    private List<(EventData, string?)> DecodeBundle(byte[] message)
    {
        try
        {
            return ((MessageBundle)MessageCodec.Read(message)).Items.Select(item => (item, (string?)null)).ToList();
        }
        catch (ProtocolException)
        {
            // Fall through to item-by-item decoding below.
        }

        var items = new List<(EventData, string?)>();
        var span = message.AsSpan();
        var offset = MessageHeader.Size + 8;
        if (span.Length < offset)
        {
            throw new ProbeFailedException($"server sent a message bundle of {span.Length} bytes, too short for its connection ID and sequence number");
        }

        while (offset < span.Length)
        {
            if (span.Length - offset < 8)
            {
                throw new ProbeFailedException($"server sent a message bundle whose item at offset {offset} is cut short");
            }

            var itemType = BinaryPrimitives.ReadUInt32BigEndian(span[offset..]);
            var length = BinaryPrimitives.ReadUInt32BigEndian(span[(offset + 4)..]);
            if (itemType != MessageBundle.ItemType)
            {
                throw new ProbeFailedException($"server sent a message bundle item of type {itemType} at offset {offset}, expected {MessageBundle.ItemType}");
            }

            if (length > (uint)(span.Length - offset - 8))
            {
                throw new ProbeFailedException($"server sent a message bundle item at offset {offset} whose length {length} overruns the bundle");
            }

            var payload = span.Slice(offset + 8, (int)length);
            try
            {
                items.Add((RecordCodec.ReadPayload(payload, offset + 8), null));
            }
            catch (ProtocolException failure)
            {
                items.Add((RawItem(payload), failure.Message));
            }

            offset += 8 + (int)length;
        }

        return items;
    }

    private void Say(string text) => ProbeCommand.Say(_report, text);
}

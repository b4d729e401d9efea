using EStreamer.Client;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Negotiation;
using EStreamer.Protocol.Records.Intrusion;

namespace EStreamer.Emulator.Cli;

/// <summary>
/// The eStreamer half of a probe, once TLS is up: request, the extended exchange if asked for, then
/// records until the count is reached. Reads like eNcore (reference 12.2) with two differences that
/// keep the traffic minimal: a Null goes back only for data (each bundle, each Event Data message),
/// not for keep-alives; and nothing is sent after the 2051 but the 2049. The wire work is the client
/// library's; this class decides what to ask and what to report.
/// </summary>
internal sealed class ProbeSession
{
    /// <summary>A refusal is silent (reference 1.4): the client can only infer it from this EOF, so the line names the likely causes.</summary>
    public const string NotAcceptedMessage =
        "server closed the connection after the handshake without answering: client certificate not accepted (unknown peer, revoked, or source address does not match the certificate)";

    private readonly EStreamerClient _client;
    private readonly ProbeOptions _options;
    private readonly TextWriter _output;
    private readonly TextWriter _report;
    private readonly PcapWriter? _pcap;

    private bool _answered;
    private int _records;
    private int _bundles;
    private int _eventDataMessages;
    private int _keepalives;
    private int _undecodable;
    private int _pcapSkipped;

    public ProbeSession(EStreamerClient client, ProbeOptions options, TextWriter output, TextWriter report, PcapWriter? pcap = null)
    {
        _pcap = pcap;
        _client = client;
        _options = options;
        _output = output;
        _report = report;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var flagless = ProbeRequest.WithoutFlagBit(_options.Families);
        if (!_options.Extended && flagless.Count > 0)
        {
            Say($"not requested: {string.Join(", ", flagless.Select(ProbeRequest.NameOf))} (no request flag bit selects them; add --extended)");
        }

        if (_pcap is not null && !_options.Families.Contains(EventFamily.PacketData))
        {
            Say($"pcap: packet-data is not requested, so {_options.PcapFile} will hold no packets");
        }

        var request = StreamRequest.ForFamilies(_options.Families, _options.Extended, _options.StartTime);
        Say($"request: start {DescribeStart(_options.StartTime)}, flags 0x{(uint)request.Flags:X8} ({request.Flags.Describe()})");
        await SendAsync(request.ToEventStreamRequest(), cancellationToken).ConfigureAwait(false);

        var deadline = DateTime.UtcNow + _options.Timeout;
        if (request.IsExtended)
        {
            var information = await ReceiveStreamingInformationAsync(deadline, cancellationToken).ConfigureAwait(false);
            Say($"streaming information: services {string.Join(", ", information.Services.Select(s => s.ServiceId))}");
            EStreamerClient.EnsureEStreamerService(information);

            if (_options.Count == 0)
            {
                Say("count 0: connection checked, no records asked for");
                return;
            }

            Say($"streaming request: {string.Join(", ", request.Entries.Select(e => $"{ProbeRequest.NameOf((EventFamily)e.Code)} v{e.Version}"))}");
            await SendAsync(request.ToStreamingRequest(), cancellationToken).ConfigureAwait(false);
            deadline = DateTime.UtcNow + _options.Timeout;
        }

        while (_records < _options.Count || !_answered)
        {
            var frame = await ReceiveAsync(deadline, cancellationToken).ConfigureAwait(false);
            switch (frame.Type)
            {
                case MessageType.Null:
                    _keepalives++;
                    break;
                case MessageType.EventData:
                case MessageType.MessageBundle:
                    var records = RecordDecoder.Decode(frame);
                    if (frame.Type == MessageType.EventData)
                    {
                        _eventDataMessages++;
                    }
                    else
                    {
                        _bundles++;
                    }

                    await EmitAsync(records, cancellationToken).ConfigureAwait(false);
                    deadline = DateTime.UtcNow + _options.Timeout;
                    break;
                case MessageType.Error:
                    throw ServerError(frame);
                default:
                    Say($"ignored: unexpected message type {(ushort)frame.Type} ({frame.Bytes.Length} bytes)");
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
        if (_pcap is not null)
        {
            var skipped = _pcapSkipped == 0 ? string.Empty : $"; {_pcapSkipped} of another link type left out (a classic capture holds one)";
            Say($"pcap: {_pcap.Packets} packets written to {_options.PcapFile}{skipped}");
        }
    }

    private static string DescribeStart(uint start) => start switch
    {
        EventStreamRequestMessage.FromOldest => "0 (oldest)",
        EventStreamRequestMessage.FromNow => "0xFFFFFFFF (now)",
        _ => $"{start} ({DateTimeOffset.FromUnixTimeSeconds(start).UtcDateTime:yyyy-MM-ddTHH:mm:ssZ})",
    };

    private static Exception ServerError(MessageFrame frame)
    {
        try
        {
            return EStreamerClientException.FromServerError((ErrorMessage)frame.Decode());
        }
        catch (EStreamerClientException failure) when (failure.Failure == EStreamerClientFailure.MalformedMessage)
        {
            return new ProbeFailedException($"server answered with an Error message that cannot be read: {failure.InnerException?.Message}", failure);
        }
    }

    private async Task<StreamingInformationMessage> ReceiveStreamingInformationAsync(DateTime deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            var frame = await ReceiveAsync(deadline, cancellationToken).ConfigureAwait(false);
            IMessage message;
            try
            {
                message = frame.Decode();
            }
            catch (EStreamerClientException failure) when (failure.Failure == EStreamerClientFailure.MalformedMessage)
            {
                throw new ProbeFailedException($"server answered the extended request with a malformed message: {failure.InnerException?.Message}", failure);
            }

            switch (message)
            {
                case StreamingInformationMessage information:
                    return information;
                case NullMessage:
                    _keepalives++;
                    break;
                case ErrorMessage:
                    throw ServerError(frame);
                default:
                    throw new ProbeFailedException($"server answered the extended request with message type {(ushort)message.MessageType} instead of Streaming Information (2051)");
            }
        }
    }

    /// <summary>
    /// The next whole message. Until the server has said anything, an end of stream means it refused the
    /// client after the handshake (reference 1.4); afterwards it means it stopped streaming early.
    /// </summary>
    private async Task<MessageFrame> ReceiveAsync(DateTime deadline, CancellationToken cancellationToken)
    {
        var wait = deadline - DateTime.UtcNow;
        if (wait <= TimeSpan.Zero)
        {
            throw TimedOut();
        }

        MessageFrame? frame;
        try
        {
            frame = await _client.ReceiveFrameAsync(wait, cancellationToken).ConfigureAwait(false);
        }
        catch (EStreamerClientException failure) when (failure.Failure == EStreamerClientFailure.Timeout)
        {
            throw TimedOut(failure);
        }
        catch (EStreamerClientException failure) when (failure.Failure == EStreamerClientFailure.ConnectionReset)
        {
            // A server that refuses a client may reset rather than close gracefully: the verdict is the same.
            frame = null;
        }

        if (frame is null)
        {
            if (!_answered)
            {
                throw new ProbeFailedException(_client.ClientCertificateSent
                    ? NotAcceptedMessage
                    : "server closed the connection after the handshake without answering (it had not asked for a client certificate)");
            }

            throw new ProbeFailedException($"server closed the connection after {_records} of {_options.Count} records");
        }

        if (!_answered)
        {
            _answered = true;
            Say($"client certificate accepted: the server answered the request (first message: {frame.Type}, type {(ushort)frame.Type})");
        }

        return frame;
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
            await _client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (EStreamerClientException failure) when (failure.Failure == EStreamerClientFailure.SendFailed && !_answered)
        {
            // A server that refuses a client right after the handshake may have closed before the request got out.
            throw new ProbeFailedException(NotAcceptedMessage, failure);
        }
        catch (EStreamerClientException failure) when (failure.Failure == EStreamerClientFailure.SendFailed)
        {
            throw new ProbeFailedException($"server closed the connection after {_records} of {_options.Count} records", failure);
        }
    }

    private async Task EmitAsync(IReadOnlyList<DecodedRecord> records, CancellationToken cancellationToken)
    {
        foreach (var record in records)
        {
            if (_records >= _options.Count)
            {
                break;
            }

            if (!record.Decoded)
            {
                _undecodable++;
            }

            await _output.WriteLineAsync(RecordJson.Serialize(record.Data, record.DecodeError)).ConfigureAwait(false);
            if (_pcap is not null && record.Data.Record is PacketRecord packet && !_pcap.Write(packet))
            {
                _pcapSkipped++;
            }

            _records++;
        }

        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        _pcap?.Flush();
        if (_records < _options.Count)
        {
            // "Ready for more": one Null per data message, as eNcore acknowledges (reference 7.1).
            try
            {
                await _client.AcknowledgeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (EStreamerClientException failure) when (failure.Failure == EStreamerClientFailure.SendFailed)
            {
                throw new ProbeFailedException($"server closed the connection after {_records} of {_options.Count} records", failure);
            }
        }
    }

    private void Say(string text) => ProbeCommand.Say(_report, text);
}

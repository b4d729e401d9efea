using System.Net;
using DotNetty.Codecs;
using DotNetty.Handlers.Timeout;
using DotNetty.Transport.Channels;
using EStreamer.Emulator.Events;
using EStreamer.Emulator.Faults;
using EStreamer.Emulator.Logging;
using EStreamer.Emulator.Pipeline;
using EStreamer.Emulator.Server;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Negotiation;
using EStreamer.Protocol.Records;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Sessions;

/// <summary>
/// One client session (reference 3): request, negotiation, streaming with keep-alives and pacing, host
/// requests, and the disconnect rules of reference 7.3. Runs on its channel's event loop only; the event
/// source wakes it from other threads through <see cref="IEventSource.Appended"/>.
/// </summary>
internal sealed partial class SessionHandler : ChannelHandlerAdapter
{
    /// <summary>Messages written per pump turn before yielding the event loop to other channels.</summary>
    private const int MaxMessagesPerTurn = 512;

    private readonly ConnectionState _connection;
    private readonly EmulatorOptions _options;
    private readonly IEventSource _source;
    private readonly SessionRegistry _registry;
    private readonly ILogger _logger;
    private readonly HashSet<IRecord> _sentMetadata = [];
    private readonly List<StoredEvent> _batch = [];
    private readonly List<EventData> _items = [];
    private readonly Action _onAppended;

    private IChannelHandlerContext? _context;
    private DotNetty.Common.Concurrency.IScheduledTask? _requestTimer;
    private volatile SessionState _state = SessionState.Verifying;
    private EventStreamRequestMessage? _request;
    private RequestFlags _flags;
    private bool _extended;
    private bool _extendedHeader;
    private StreamNegotiation? _negotiation;
    private long _cursor;
    private uint _bundleSequence;
    private int _unacknowledged;
    private int _pumpScheduled;
    private long _eventsSent;
    private long _bundlesSent;
    private long _nullsReceived;
    private long _keepalivesSent;
    private long _queuedBytes;
    private long _bytesSent;
    private long? _firstSequenceSent;
    private long? _lastSequenceSent;
    private uint _lastArchiveTimestamp;
    private readonly DateTimeOffset _opened = DateTimeOffset.UtcNow;
    private bool _paused;
    private string? _tlsProtocol;

    public SessionHandler(
        ConnectionState connection,
        EmulatorOptions options,
        IEventSource source,
        SessionRegistry registry,
        ILogger logger,
        FaultSchedule faults,
        IServiceControl service)
    {
        _connection = connection;
        _faultSchedule = faults;
        _service = service;
        _options = options;
        _source = source;
        _registry = registry;
        _logger = logger;
        _onAppended = OnAppended;
    }

    public uint Id => _connection.Id;

    public override void HandlerAdded(IChannelHandlerContext context)
    {
        _context = context;
        _registry.Add(this);
    }

    public override void UserEventTriggered(IChannelHandlerContext context, object evt)
    {
        switch (evt)
        {
            case PeerAcceptedEvent:
                // Read once here: SslStream throws ObjectDisposedException for it once the channel is closed,
                // and snapshots are taken after that (the closed list, observers, the control API).
                _tlsProtocol = _connection.Tls?.SslProtocol.ToString();
                _state = SessionState.AwaitingRequest;
                _requestTimer = context.Executor.Schedule(OnRequestTimeout, _options.RequestTimeout);
                ArmFaults(context);
                break;
            case IdleStateEvent { State: IdleState.WriterIdle }:
                SendKeepalive(context);
                break;
            default:
                base.UserEventTriggered(context, evt);
                break;
        }
    }

    public override void ChannelRead(IChannelHandlerContext context, object message)
    {
        if (_state == SessionState.Closed || _connection.IsClosing)
        {
            return;
        }

        if (message is IMessage received)
        {
            _registry.ClientMessage(Id, received);
        }

        switch (message)
        {
            case NullMessage:
                // Any Null releases the bundle window; eNcore sends one after every message it gets (reference 7.1).
                _nullsReceived++;
                _unacknowledged = 0;
                SchedulePump();
                break;
            case ErrorMessage error:
                Log.ClientError(_logger, Id, error.Code, error.Text);
                Close($"client sent Error {error.Code}");
                break;
            case EventStreamRequestMessage request:
                OnEventStreamRequest(context, request);
                break;
            case StreamingRequestMessage streaming:
                OnStreamingRequest(context, streaming);
                break;
            case HostDataRequestMessage hostRequest:
                OnHostDataRequest(context, hostRequest);
                break;
            case IMessage other:
                RefuseRequest(context, ServerErrorCode.UnexpectedMessage, $"message type {(ushort)other.MessageType} is not accepted from a client");
                break;
        }
    }

    public override void ChannelWritabilityChanged(IChannelHandlerContext context)
    {
        if (context.Channel.IsWritable)
        {
            SchedulePump();
        }

        base.ChannelWritabilityChanged(context);
    }

    public override void ExceptionCaught(IChannelHandlerContext context, Exception exception)
    {
        var cause = exception is DecoderException { InnerException: { } inner } ? inner : exception;
        switch (cause)
        {
            case ProtocolException protocol:
                RefuseRequest(context, ServerErrorCode.MalformedMessage, protocol.Message);
                break;
            case TooLongFrameException tooLong:
                RefuseRequest(context, ServerErrorCode.MessageTooLong, $"message length: {tooLong.Message}");
                break;
            default:
                Log.ConnectionError(_logger, _connection.Remote, cause.GetBaseException().Message);
                _connection.NoteCloseReason($"connection error: {cause.GetBaseException().Message}");
                context.CloseAsync();
                break;
        }
    }

    public override void ChannelInactive(IChannelHandlerContext context)
    {
        _connection.NoteCloseReason("client closed");
        _state = SessionState.Closed;
        _requestTimer?.Cancel();
        DisarmFaults();
        _source.Appended -= _onAppended;
        if (_request is not null || _connection.Peer is not null)
        {
            Log.SessionClosed(_logger, Id, _connection.CloseReason, _eventsSent, _bundlesSent, _nullsReceived);
        }

        _registry.Remove(this);
        base.ChannelInactive(context);
    }

    /// <summary>Closes without any message: used for client Errors, the service being disabled and a control reset.</summary>
    public void Close(string reason)
    {
        _state = SessionState.Closed;
        _ = _connection.CloseGracefullyAsync(reason);
    }

    public SessionInfo Snapshot() => new(
        Id,
        _connection.Peer?.Host,
        _connection.Remote,
        _state,
        _request?.InitialTimestamp,
        _flags,
        _extended,
        _negotiation?.Streamed.ToDictionary(kv => kv.Key, kv => kv.Value.Version) ?? new Dictionary<EventFamily, ushort>(),
        _negotiation?.Profile ?? ClientProfile.Auto,
        _opened,
        _tlsProtocol,
        _firstSequenceSent,
        _lastSequenceSent,
        _lastArchiveTimestamp,
        Interlocked.Read(ref _eventsSent),
        Interlocked.Read(ref _bundlesSent),
        Interlocked.Read(ref _nullsReceived),
        Interlocked.Read(ref _keepalivesSent),
        Interlocked.Read(ref _bytesSent),
        Interlocked.Read(ref _queuedBytes),
        _connection.Channel.IsWritable,
        _state == SessionState.Closed ? _connection.CloseReason : null);

    private void OnEventStreamRequest(IChannelHandlerContext context, EventStreamRequestMessage request)
    {
        if (_state != SessionState.AwaitingRequest)
        {
            RefuseRequest(context, ServerErrorCode.OutOfOrder, "an Event Stream Request was already received on this connection");
            return;
        }

        _requestTimer?.Cancel();
        _request = request;
        _flags = request.Flags;
        Log.RequestReceived(_logger, Id, request.InitialTimestamp, (uint)request.Flags, request.Flags.Describe());
        if ((request.Flags & RequestFlags.ExtendedRequest) != 0)
        {
            // Answer at once: eNcore's probe connection reads this one message and hangs up (reference 3.4).
            _state = SessionState.AwaitingStreamingRequest;
            Write(context, StreamingInformationMessage.EStreamerOnly, flush: true);
            _registry.Decision(Id, "streaming-information", "extended bit set: sent Streaming Information (service 6667)");
            return;
        }

        var requested = RequestedVersions.FromFlags(request.Flags);
        StartStreaming(context, requested, request.InitialTimestamp, extended: false, sentStreamingRequest: false);
    }

    private void OnStreamingRequest(IChannelHandlerContext context, StreamingRequestMessage streaming)
    {
        if (_state != SessionState.AwaitingStreamingRequest)
        {
            RefuseRequest(context, ServerErrorCode.OutOfOrder, "a Streaming Request (2049) is accepted only after an Event Stream Request with the extended bit");
            return;
        }

        if (streaming.ServiceId != StreamingRequestMessage.EStreamerService)
        {
            RefuseRequest(context, ServerErrorCode.UnexpectedMessage, $"service {streaming.ServiceId} is not offered; only {StreamingRequestMessage.EStreamerService}");
            return;
        }

        // Flags from both messages count: the 2049 carries a copy, and highest version wins across all (reference 4.4).
        _flags = _request!.Flags | streaming.Flags;
        var requested = RequestedVersions.FromFlags(_flags);
        requested.AddEntries(streaming.Entries);
        StartStreaming(context, requested, streaming.InitialTimestamp, extended: true, sentStreamingRequest: true);
    }

    private void StartStreaming(IChannelHandlerContext context, RequestedVersions requested, uint initialTimestamp, bool extended, bool sentStreamingRequest)
    {
        var profile = ParseProfile(_connection.Peer?.Profile) ?? _options.DefaultProfile;
        _negotiation = StreamNegotiation.Negotiate(requested, profile, sentStreamingRequest, _options.IsFamilyEnabled);
        _extended = extended;
        _extendedHeader = (_flags & RequestFlags.ExtendedHeader) != 0;
        foreach (var note in _negotiation.Notes)
        {
            Log.NegotiationNote(_logger, Id, note);
            _registry.Decision(Id, "negotiation-note", note);
        }

        var families = string.Join(", ", _negotiation.Streamed.Values.Select(l => $"{l.Family} v{l.Version}"));
        Log.Negotiated(_logger, Id, extended ? "bundles" : "event data", families.Length == 0 ? "nothing" : families, _negotiation.Profile.ToString());
        _registry.Decision(Id, "negotiated", $"{(extended ? "bundles" : "event data")}: {(families.Length == 0 ? "nothing" : families)}; profile {_negotiation.Profile}; header {(_extendedHeader ? "extended" : "standard")}");

        if ((_flags & RequestFlags.HostOnly) != 0)
        {
            // Bit 11 asks for no default streaming: the connection is for host requests only (reference 3.3).
            _state = SessionState.Streaming;
            return;
        }

        // The start point is fixed before the session shows as streaming: an event appended once it does is
        // never before a "from now" start.
        _cursor = _source.StartSequence(initialTimestamp);
        _registry.Decision(Id, "start", $"initial timestamp {initialTimestamp}: streaming from journal sequence {_cursor}");
        _source.Appended += _onAppended;
        _state = SessionState.Streaming;
        SchedulePump();
    }

    private void OnHostDataRequest(IChannelHandlerContext context, HostDataRequestMessage request)
    {
        if (_state is not (SessionState.Streaming or SessionState.AwaitingStreamingRequest))
        {
            RefuseRequest(context, ServerErrorCode.OutOfOrder, "a Host Data Request must follow an Event Stream Request on the same connection");
            return;
        }

        var multiple = request.DataType % 2 == 1;
        var hosts = _source.Hosts(request.StartAddress, multiple ? request.EndAddress : request.StartAddress);
        Log.HostRequest(_logger, Id, request.DataType, request.StartAddress, request.EndAddress, hosts.Count);
        if (!multiple)
        {
            if (hosts.Count == 0)
            {
                RefuseRequest(context, ServerErrorCode.UnknownHost, $"no host profile for {request.StartAddress}");
                return;
            }

            Write(context, HostProfiles.ToMessage(hosts[0], MessageType.SingleHostData), flush: true);
            return;
        }

        foreach (var host in hosts)
        {
            Write(context, HostProfiles.ToMessage(host, MessageType.MultipleHostData), flush: false);
        }

        Write(context, HostDataMessage.EndOfList, flush: true);
    }

    private void OnAppended()
    {
        if (Interlocked.Exchange(ref _pumpScheduled, 1) == 0)
        {
            _context?.Executor.Execute(RunPump);
        }
    }

    private void SchedulePump()
    {
        if (_state == SessionState.Streaming && Interlocked.Exchange(ref _pumpScheduled, 1) == 0)
        {
            _context?.Executor.Execute(RunPump);
        }
    }

    private void RunPump()
    {
        Volatile.Write(ref _pumpScheduled, 0);
        if (_context is { } context)
        {
            Pump(context);
        }
    }

    /// <summary>
    /// Sends what the cursor has not yet reached, while the channel is writable (so a slow reader never
    /// makes the server buffer without bound) and, in bundle mode, while the window of unacknowledged
    /// bundles is open. Metadata an event refers to goes first, once per session (reference 12.4).
    /// </summary>
    private void Pump(IChannelHandlerContext context)
    {
        if (_state != SessionState.Streaming || _connection.IsClosing || _negotiation is null)
        {
            return;
        }

        var written = 0;
        Volatile.Write(ref _paused, false);
        while (written < MaxMessagesPerTurn)
        {
            if (!CanWrite(context))
            {
                // Resumed by a completed write (OnWritten) or a writability change.
                Volatile.Write(ref _paused, true);
                break;
            }

            if (_extended && _unacknowledged >= _options.MaxUnacknowledgedBundles)
            {
                break;
            }

            _batch.Clear();
            var limit = _extended ? _options.BundleMaxEvents : 64;
            if (_source.Read(_cursor, limit, _batch) == 0)
            {
                break;
            }

            _items.Clear();
            foreach (var stored in _batch)
            {
                _cursor = stored.Sequence + 1;
                if (AddItems(stored))
                {
                    _firstSequenceSent ??= stored.Sequence;
                    _lastSequenceSent = stored.Sequence;
                    _lastArchiveTimestamp = Math.Max(_lastArchiveTimestamp, stored.ArchiveTimestamp);
                }
            }

            if (_items.Count == 0)
            {
                continue;
            }

            if (_extended)
            {
                _unacknowledged++;
                Write(context, NextBundle(_items.ToArray()), flush: false);
                _registry.Decision(Id, "bundle", $"bundle {_bundleSequence} sent with {_items.Count} records");
                written++;
            }
            else
            {
                foreach (var item in _items)
                {
                    Write(context, new EventDataMessage(item), flush: false);
                    written++;
                }
            }

            Interlocked.Add(ref _eventsSent, _items.Count);

            // Flush per batch: the TLS stage holds writes until a flush, and only flushed bytes count
            // against the channel's high-water mark that stops this loop.
            context.Flush();
        }

        if (written >= MaxMessagesPerTurn)
        {
            SchedulePump();
        }
    }

    /// <summary>The connection's next bundle: sequence numbers run from 1 per connection (reference 6.3).</summary>
    private MessageBundle NextBundle(EventData[] items)
    {
        _bundleSequence++;
        _bundlesSent++;
        return new MessageBundle(_connection.Id, _bundleSequence, items);
    }

    private bool CanWrite(IChannelHandlerContext context) =>
        context.Channel.IsWritable
        && Interlocked.Read(ref _queuedBytes) < _options.WriteBufferHighWaterMark
        && !IsStalled
        && (_drip is null || _drip.Queue.Count == 0);

    /// <summary>Adds the event (and its first-time metadata) if negotiated; false when the client does not get it.</summary>
    private bool AddItems(StoredEvent stored)
    {
        var negotiation = _negotiation!;
        if (!negotiation.Streams(stored.Record.RecordType))
        {
            return false;
        }

        if (negotiation.Streams(EventFamily.Metadata))
        {
            foreach (var metadata in stored.Metadata)
            {
                if (_sentMetadata.Add(metadata))
                {
                    // Metadata and other server-made records carry archive timestamp 0 (reference 4.2).
                    _items.Add(new EventData(negotiation.Shape(metadata), 0, _extendedHeader));
                }
            }
        }

        _items.Add(new EventData(negotiation.Shape(stored.Record), _extendedHeader ? stored.ArchiveTimestamp : 0, _extendedHeader));
        return true;
    }

    private void SendKeepalive(IChannelHandlerContext context)
    {
        // The server never speaks first (reference 1.1): keep-alives only once a request arrived.
        if (_state is SessionState.Streaming or SessionState.AwaitingStreamingRequest && !_connection.IsClosing && !KeepalivesSuppressed)
        {
            Interlocked.Increment(ref _keepalivesSent);
            Write(context, NullMessage.Instance, flush: true);
            _registry.Decision(Id, "keepalive", "writer idle: sent Null");
        }
    }

    /// <summary>
    /// Encodes here rather than in the encoder stage so the session knows each message's size: bytes stay
    /// counted in <see cref="_queuedBytes"/> until the socket took them, and the pump stops above the
    /// high-water mark. DotNetty's own pending-bytes count is not reliable behind its TLS handler.
    /// </summary>
    private void Write(IChannelHandlerContext context, IMessage message, bool flush)
    {
        var buffer = MessageEncoder.Encode(context.Allocator, message);
        var size = buffer.ReadableBytes;
        Interlocked.Add(ref _queuedBytes, size);
        if (message is not NullMessage)
        {
            CountDataMessage(context);
        }

        if (_drip is not null)
        {
            EnqueueDrip(context, buffer);
            return;
        }

        var task = flush ? context.WriteAndFlushAsync(buffer) : context.WriteAsync(buffer);
        task.ContinueWith(
            (completed, state) => ((SessionHandler)state!).OnWritten(completed, size),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void OnWritten(Task task, int size)
    {
        var queued = Interlocked.Add(ref _queuedBytes, -size);
        if (task.IsFaulted)
        {
            OnWriteFaulted(task);
            return;
        }

        if (task.IsCompletedSuccessfully)
        {
            Interlocked.Add(ref _bytesSent, size);
        }

        if (Volatile.Read(ref _paused) && queued <= _options.WriteBufferLowWaterMark && _connection.Channel.IsWritable)
        {
            SchedulePump();
        }
    }

    private void OnWriteFaulted(Task task)
    {
        // Disconnect rule: a failed send, of data or of a keep-alive, closes the connection (reference 7.3).
        if (_state == SessionState.Closed || _connection.IsClosing)
        {
            return;
        }

        _state = SessionState.Closed;
        if (ClientHungUp(task.Exception, _connection.Channel.Active) is { } hangUp)
        {
            // The client closed its end while data was still on the way: its choice, not a server error.
            Log.ClientHungUpDuringSend(_logger, Id, hangUp, Interlocked.Read(ref _queuedBytes));
            _connection.NoteCloseReason($"client closed ({hangUp})");
        }
        else
        {
            var reason = task.Exception?.GetBaseException().Message ?? "unknown";
            Log.SendFailed(_logger, Id, reason);
            _connection.NoteCloseReason($"send failed: {reason}");
        }

        _connection.Channel.CloseAsync();
    }

    /// <summary>
    /// Names the socket-level cause ("Broken pipe", "Connection reset by peer") when a write failed because the
    /// client is gone; null when the failure is something else, which the server reports as its own error.
    /// </summary>
    internal static string? ClientHungUp(Exception? failure, bool channelActive)
    {
        var channelClosed = false;
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is System.Net.Sockets.SocketException socket)
            {
                return socket.Message;
            }

            channelClosed |= e is ClosedChannelException;
        }

        return channelClosed || (failure is not null && !channelActive) ? "connection closed" : null;
    }

    /// <summary>Disconnect rule: an error while processing a client request sends an Error first, then closes.</summary>
    private void RefuseRequest(IChannelHandlerContext context, int code, string reason)
    {
        if (_state == SessionState.Closed || _connection.IsClosing)
        {
            return;
        }

        Log.BadClientMessage(_logger, Id, reason);
        _registry.Decision(Id, "request-error", $"Error {code} \"{reason}\" then close");
        _state = SessionState.Closed;
        context.WriteAndFlushAsync(new ErrorMessage(code, reason))
            .ContinueWith(_ => _connection.CloseGracefullyAsync($"request error: {reason}"), TaskScheduler.Default);
    }

    private void OnRequestTimeout()
    {
        if (_state == SessionState.AwaitingRequest)
        {
            Log.RequestTimedOut(_logger, Id, _options.RequestTimeout);
            Close("no request");
        }
    }

    private static ClientProfile? ParseProfile(string? text) => text?.ToLowerInvariant() switch
    {
        "encore38" or "3.8" => ClientProfile.Encore38,
        "encore52" or "5.2" => ClientProfile.Encore52,
        _ => null,
    };
}

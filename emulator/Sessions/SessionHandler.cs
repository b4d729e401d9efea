using DotNetty.Codecs;
using DotNetty.Common.Concurrency;
using DotNetty.Handlers.Timeout;
using DotNetty.Transport.Channels;
using EStreamer.Emulator.Events;
using EStreamer.Emulator.Faults;
using EStreamer.Emulator.Logging;
using EStreamer.Emulator.Pipeline;
using EStreamer.Emulator.Server;
using EStreamer.Emulator.Sessions.Events;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Negotiation;
using EStreamer.Protocol.Records;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Sessions;

/// <summary>
/// The "session" stage of one client connection (reference 3): feeds client messages to the request state
/// machine and carries out its decisions, streams through the pump, writes keep-alives when the writer is
/// idle, and applies the disconnect rules of reference 7.3. Runs on its channel's event loop only; the
/// event source wakes the pump from other threads.
/// </summary>
internal sealed class SessionHandler : ChannelHandlerAdapter, IFaultTarget
{
    private readonly ConnectionState _connection;
    private readonly EmulatorOptions _options;
    private readonly SessionRegistry _registry;
    private readonly ILogger _logger;
    private readonly ConnectionWriter _writer;
    private readonly FaultEffects _effects;
    private readonly SessionRequestStateMachine _machine;
    private readonly SessionPump _pump;
    private readonly DateTimeOffset _opened;
    private IChannelHandlerContext? _context;
    private ITimer? _requestTimer;
    private long _nullsReceived;
    private long _keepalivesSent;
    private string? _tlsProtocol;

    // Set once the stream's start is fixed and the pump listens for new events (or a host-only session is set up):
    // until then a snapshot does not yet show Streaming, so whoever sees it and appends an event knows the
    // session will deliver it, even from a "now" start.
    private volatile bool _streamingBegun;

    public SessionHandler(
        ConnectionState connection,
        EmulatorOptions options,
        IEventSource source,
        SessionRegistry registry,
        ILogger logger,
        ConnectionWriter writer,
        FaultEffects effects)
    {
        _connection = connection;
        _options = options;
        _registry = registry;
        _logger = logger;
        _writer = writer;
        _effects = effects;
        _opened = options.Time.GetUtcNow();
        _machine = new SessionRequestStateMachine(options.DefaultProfile, options.IsFamilyEnabled, source.Hosts);
        _pump = new SessionPump(connection.Id, options, source, writer, e => registry.Raise(Id, e), () => !IsOpen || _effects.Stalled, StreamFailed);
        _writer.WriteCompleted += OnWriteCompleted;
    }

    public uint Id => _connection.Id;

    public bool IsOpen => _machine.State != SessionState.Closed && !_connection.IsClosing;

    /// <summary>The event loop the session runs on: a snapshot taken there never sees a pump turn half done.</summary>
    public IEventExecutor? Executor => _context?.Executor;

    public override void HandlerAdded(IChannelHandlerContext context)
    {
        _context = context;
        _writer.Bind(context);
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
                _machine.Verified(_connection.Peer?.Profile);
                _requestTimer = _options.Time.CreateTimer(_ => context.Executor.Execute(OnRequestTimeout), null, _options.RequestTimeout, Timeout.InfiniteTimeSpan);
                break;
            case IdleStateEvent { State: IdleState.WriterIdle }:
                SendKeepalive();
                break;
            default:
                base.UserEventTriggered(context, evt);
                break;
        }
    }

    public override void ChannelRead(IChannelHandlerContext context, object message)
    {
        if (!IsOpen || message is not IMessage received)
        {
            return;
        }

        _registry.ClientMessage(Id, received);
        var decision = _machine.Receive(received);
        if (received is EventStreamRequestMessage request && decision is not RefuseRequest)
        {
            _requestTimer?.Dispose();
            Log.RequestReceived(_logger, Id, request.InitialTimestamp, (uint)request.Flags, request.Flags.Describe());
        }

        if (received is HostDataRequestMessage hostRequest && decision is SendHostData or RefuseRequest { Code: ServerErrorCode.UnknownHost })
        {
            var hosts = decision is SendHostData data ? data.Messages.Count(m => !ReferenceEquals(m, HostDataMessage.EndOfList)) : 0;
            Log.HostRequest(_logger, Id, hostRequest.DataType, hostRequest.StartAddress, hostRequest.EndAddress, hosts);
        }

        Carry(context, decision);
    }

    public override void ChannelWritabilityChanged(IChannelHandlerContext context)
    {
        if (context.Channel.IsWritable)
        {
            _pump.Schedule();
        }

        base.ChannelWritabilityChanged(context);
    }

    public override void ExceptionCaught(IChannelHandlerContext context, Exception exception)
    {
        var cause = exception is DecoderException { InnerException: { } inner } ? inner : exception;
        switch (cause)
        {
            case ProtocolException protocol:
                Carry(context, _machine.Undecodable(ServerErrorCode.MalformedMessage, protocol.Message));
                break;
            case TooLongFrameException tooLong:
                Carry(context, _machine.Undecodable(ServerErrorCode.MessageTooLong, $"message length: {tooLong.Message}"));
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
        _machine.Close();
        _requestTimer?.Dispose();
        _pump.Stop();
        if (_machine.Request is not null || _connection.Peer is not null)
        {
            Log.SessionClosed(_logger, Id, _connection.CloseReason, _pump.EventsSent, _pump.BundlesSent, Interlocked.Read(ref _nullsReceived));
        }

        _registry.Remove(this);
        base.ChannelInactive(context);
    }

    /// <summary>Closes without any message: used for client Errors, the service being disabled, faults and a control reset.</summary>
    public void Close(string reason)
    {
        _machine.Close();
        _ = _connection.CloseGracefullyAsync(reason);
    }

    /// <summary>Fires a fault now through this connection's fault stage; false once the session is closed.</summary>
    public bool InjectFault(Fault fault) =>
        _connection.Channel.Pipeline.Get<FaultHandler>() is { } faults && faults.Inject(fault);

    public SessionInfo Snapshot() => new(
        Id,
        _connection.Peer?.Host,
        _connection.Remote,
        ShownState(),
        _machine.Request?.InitialTimestamp,
        _machine.Flags,
        _machine.Bundles,
        _machine.Negotiation?.Streamed.ToDictionary(kv => kv.Key, kv => kv.Value.Version) ?? new Dictionary<EventFamily, ushort>(),
        _machine.Negotiation?.Profile ?? ClientProfile.Auto,
        _opened,
        _tlsProtocol,
        _pump.FirstSequenceSent,
        _pump.LastSequenceSent,
        _pump.LastArchiveTimestamp,
        _pump.EventsSent,
        _pump.BundlesSent,
        Interlocked.Read(ref _nullsReceived),
        Interlocked.Read(ref _keepalivesSent),
        _writer.BytesSent,
        _writer.QueuedBytes,
        _connection.Channel.IsWritable,
        _machine.State == SessionState.Closed ? _connection.CloseReason : null,
        _pump.CaughtUp,
        _pump.Paused);

    void IFaultTarget.MarkClosed() => _machine.Close();

    IMessage IFaultTarget.WrapForClient(IRecord record, uint archiveTimestamp) => _pump.WrapForClient(record, archiveTimestamp);

    void IFaultTarget.Resume() => _pump.Schedule();

    private void Carry(IChannelHandlerContext context, RequestDecision decision)
    {
        switch (decision)
        {
            case AcknowledgeBundles:
                Interlocked.Increment(ref _nullsReceived);
                _pump.Acknowledge();
                break;
            case CloseOnClientError { Error: var error }:
                Log.ClientError(_logger, Id, error.Code, error.Text);
                Close($"client sent Error {error.Code}");
                break;
            case SendStreamingInformation info:
                _writer.Write(info.Message, flush: true);
                _registry.Raise(Id, new StreamingInformationSent());
                break;
            case StartStreaming start:
                StartStreaming(context, start);
                break;
            case SendHostData hostData:
                for (var i = 0; i < hostData.Messages.Count; i++)
                {
                    _writer.Write(hostData.Messages[i], flush: i == hostData.Messages.Count - 1);
                }

                break;
            case RefuseRequest refuse:
                Refuse(refuse);
                break;
        }
    }

    private void StartStreaming(IChannelHandlerContext context, StartStreaming start)
    {
        var negotiation = start.Negotiation;
        _pump.Configure(negotiation, start.Bundles, start.ExtendedHeader);
        foreach (var note in negotiation.Notes)
        {
            Log.NegotiationNote(_logger, Id, note);
            _registry.Raise(Id, new NegotiationNote(note));
        }

        var families = string.Join(", ", negotiation.Streamed.Values.Select(l => $"{l.Family} v{l.Version}"));
        families = families.Length == 0 ? "nothing" : families;
        Log.Negotiated(_logger, Id, start.Bundles ? "bundles" : "event data", families, ClientProfiles.Label(negotiation.Profile));
        _registry.Raise(Id, new Negotiated(start.Bundles, families, negotiation.Profile, start.ExtendedHeader));

        // The session now counts as streaming for faults scoped to "connection N", host-only ones included.
        _connection.Channel.Pipeline.Get<FaultHandler>()?.StreamingStarted();
        if (start.HostOnly)
        {
            _streamingBegun = true;
            return;
        }

        var from = _pump.Start(context, start.InitialTimestamp);
        _streamingBegun = true;
        _registry.Raise(Id, new StreamingStarted(start.InitialTimestamp, from));
        _pump.Schedule();
    }

    /// <summary>The state a snapshot shows: the one before Streaming until the stream has begun (bundles follow an extended request).</summary>
    private SessionState ShownState()
    {
        var state = _machine.State;
        if (state == SessionState.Streaming && !_streamingBegun)
        {
            return _machine.Bundles ? SessionState.AwaitingStreamingRequest : SessionState.AwaitingRequest;
        }

        return state;
    }

    /// <summary>Disconnect rule: an error while processing a client request sends an Error first, then closes.</summary>
    private void Refuse(RefuseRequest refuse)
    {
        if (_connection.IsClosing)
        {
            return;
        }

        Log.BadClientMessage(_logger, Id, refuse.Reason);
        _registry.Raise(Id, new RequestRefused(refuse.Code, refuse.Reason));
        _writer.Write(new ErrorMessage(refuse.Code, refuse.Reason), flush: true)
            .ContinueWith(_ => _connection.CloseGracefullyAsync($"request error: {refuse.Reason}"), TaskScheduler.Default);
    }

    /// <summary>Streaming stopped on a record the server cannot encode: an Error that names it, then a close.</summary>
    private void StreamFailed(string reason)
    {
        if (_connection.IsClosing)
        {
            return;
        }

        Log.StreamFailed(_logger, Id, reason);
        _writer.Write(new ErrorMessage(ServerErrorCode.RecordNotEncodable, reason), flush: true)
            .ContinueWith(_ => _connection.CloseGracefullyAsync($"server error: {reason}"), TaskScheduler.Default);
    }

    private void SendKeepalive()
    {
        // The server never speaks first (reference 1.1): keep-alives only once a request arrived.
        if (_machine.State is SessionState.Streaming or SessionState.AwaitingStreamingRequest && !_connection.IsClosing && !_effects.KeepalivesSuppressed)
        {
            Interlocked.Increment(ref _keepalivesSent);
            _writer.Write(NullMessage.Instance, flush: true);
            _registry.Raise(Id, new KeepaliveSent());
        }
    }

    private void OnWriteCompleted(Task task, long queued)
    {
        if (task.IsFaulted)
        {
            OnWriteFaulted(task);
        }
    }

    /// <summary>Disconnect rule: a failed send, of data or of a keep-alive, closes the connection (reference 7.3).</summary>
    private void OnWriteFaulted(Task task)
    {
        if (_machine.State == SessionState.Closed || _connection.IsClosing)
        {
            return;
        }

        _machine.Close();
        if (ClientHungUp(task.Exception, _connection.Channel.Active) is { } hangUp)
        {
            // The client closed its end while data was still on the way: its choice, not a server error.
            Log.ClientHungUpDuringSend(_logger, Id, hangUp, _writer.QueuedBytes);
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

    private void OnRequestTimeout()
    {
        if (_machine.State == SessionState.AwaitingRequest)
        {
            Log.RequestTimedOut(_logger, Id, _options.RequestTimeout);
            Close("no request");
        }
    }
}

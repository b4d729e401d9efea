using DotNetty.Transport.Channels;
using EStreamer.Emulator.Logging;
using EStreamer.Emulator.Pipeline;
using EStreamer.Emulator.Sessions;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Metadata;
using Microsoft.Extensions.Logging;
using SessionFaultFired = EStreamer.Emulator.Sessions.Events.FaultFired;

namespace EStreamer.Emulator.Faults;

/// <summary>
/// The "faults" stage: arms the faults of every session once the peer is verified and the faults scoped to
/// the session's streaming number once it streams (<see cref="FaultSchedule"/>), fires each once, at its
/// time or after the session has sent a number of data messages (Streaming Information, Event Data,
/// bundles and host data; keep-alives do not count, their timing is not deterministic), and fires faults
/// injected through the control API. Every byte it sends goes through the connection's writer.
/// </summary>
internal sealed class FaultHandler : ChannelHandlerAdapter
{
    private readonly ConnectionState _connection;
    private readonly ConnectionWriter _writer;
    private readonly FaultEffects _effects;
    private readonly FaultSchedule _schedule;
    private readonly IServiceControl _service;
    private readonly SessionRegistry _registry;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly IFaultTarget _target;
    private readonly List<Fault> _counted = [];
    private readonly List<ITimer> _timers = [];
    private IChannelHandlerContext? _context;
    private int _sent;

    public FaultHandler(
        ConnectionState connection,
        ConnectionWriter writer,
        FaultEffects effects,
        FaultSchedule schedule,
        IServiceControl service,
        SessionRegistry registry,
        ILogger logger,
        TimeProvider time,
        IFaultTarget target)
    {
        _connection = connection;
        _writer = writer;
        _effects = effects;
        _schedule = schedule;
        _service = service;
        _registry = registry;
        _logger = logger;
        _time = time;
        _target = target;
        _writer.DataMessageWritten += OnDataMessage;
    }

    public override void HandlerAdded(IChannelHandlerContext context) => _context = context;

    public override void UserEventTriggered(IChannelHandlerContext context, object evt)
    {
        if (evt is PeerAcceptedEvent)
        {
            Arm(context);
        }

        base.UserEventTriggered(context, evt);
    }

    public override void ChannelInactive(IChannelHandlerContext context)
    {
        Disarm();
        base.ChannelInactive(context);
    }

    public override void HandlerRemoved(IChannelHandlerContext context) => Disarm();

    /// <summary>Fires a fault now (control API); false once the session is closed.</summary>
    public bool Inject(Fault fault)
    {
        if (_context is not { } context || !_target.IsOpen)
        {
            return false;
        }

        context.Executor.Execute(() => Fire(context, fault));
        return true;
    }

    /// <summary>
    /// The session's request was accepted: it takes its streaming number and arms the faults scoped to it.
    /// A scoped fault whose time or count has already passed fires at once. Called on the event loop.
    /// </summary>
    public void StreamingStarted()
    {
        if (_context is not { } context || !_target.IsOpen)
        {
            return;
        }

        var (number, faults) = _schedule.StartStreaming();
        if (_schedule.Faults.Count > 0)
        {
            Log.StreamingNumber(_logger, _connection.Id, number, faults.Count);
        }

        Arm(context, faults);
        OnDataMessage(_sent);
    }

    private void Arm(IChannelHandlerContext context) => Arm(context, _schedule.ForEverySession());

    private void Arm(IChannelHandlerContext context, IReadOnlyList<Fault> faults)
    {
        foreach (var fault in faults)
        {
            if (fault.AfterMessages is not null)
            {
                _counted.Add(fault);
                continue;
            }

            var delay = _schedule.Start + (fault.At ?? TimeSpan.Zero) - _time.GetUtcNow();
            if (delay <= TimeSpan.Zero && fault.Connection is null)
            {
                // A session-wide fault whose time passed before this session began happened to others.
                continue;
            }

            _timers.Add(After(context, delay > TimeSpan.Zero ? delay : TimeSpan.Zero, () => Fire(context, fault)));
        }
    }

    private void Disarm()
    {
        foreach (var timer in _timers)
        {
            timer.Dispose();
        }

        _timers.Clear();
        _counted.Clear();
        _writer.StopDrip();
    }

    private ITimer After(IChannelHandlerContext context, TimeSpan delay, Action action) =>
        _time.CreateTimer(_ => context.Executor.Execute(action), null, delay, Timeout.InfiniteTimeSpan);

    private void OnDataMessage(int sent)
    {
        _sent = sent;
        if (_context is not { } context)
        {
            return;
        }

        for (var i = _counted.Count - 1; i >= 0; i--)
        {
            var fault = _counted[i];
            if (sent >= fault.AfterMessages)
            {
                _counted.RemoveAt(i);

                // After the message that reached the count has gone out, not in the middle of writing it.
                context.Executor.Execute(() => Fire(context, fault));
            }
        }
    }

    private void Fire(IChannelHandlerContext context, Fault fault)
    {
        if (!_target.IsOpen)
        {
            return;
        }

        // A stall or keep-alive gap is in effect, its end time set, before it is reported: whoever waits on the
        // report (a test moving a fake clock) then sees the fault as it is. The others report first, so the
        // report comes before the close or the bytes they cause.
        if (fault.Kind is FaultKind.Stall or FaultKind.KeepaliveGap)
        {
            Apply(context, fault);
            Report(fault);
            return;
        }

        Report(fault);
        Apply(context, fault);
    }

    private void Report(Fault fault)
    {
        var detail = fault.Describe();
        Log.FaultFired(_logger, _connection.Id, fault.Kind.ToString(), detail);
        _registry.Raise(_connection.Id, new SessionFaultFired(fault.Kind, detail));
    }

    private void Apply(IChannelHandlerContext context, Fault fault)
    {
        switch (fault.Kind)
        {
            case FaultKind.GracefulDisconnect:
                _target.Close("fault: graceful disconnect");
                break;
            case FaultKind.TcpReset:
                _target.MarkClosed();
                _connection.NoteCloseReason("fault: TCP reset");
                _ = SocketReset.AbortAsync(context.Channel);
                break;
            case FaultKind.Stall:
                _effects.Stall(fault.Duration!.Value);
                _timers.Add(After(context, fault.Duration.Value, () =>
                {
                    _effects.EndStall();
                    _target.Resume();
                }));
                break;
            case FaultKind.KeepaliveGap:
                _effects.KeepaliveGap(fault.Duration!.Value);
                break;
            case FaultKind.ErrorMessage:
                _target.MarkClosed();
                _writer.Write(new ErrorMessage(fault.Code ?? ErrorMessage.GenericCode, fault.Text ?? string.Empty), flush: true)
                    .ContinueWith(_ => _connection.CloseGracefullyAsync($"fault: Error {fault.Code}"), TaskScheduler.Default);
                break;
            case FaultKind.WrongHeaderVersion:
                // A Null whose header version is 2: eNcore drops the session on it (reference 2.1).
                _writer.WriteRaw([0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00], flush: true);
                break;
            case FaultKind.UnknownRecordType:
                var unknown = new OpaqueRecord((RecordType)(fault.RecordType ?? Fault.DefaultUnknownRecordType), new byte[] { 0xDE, 0xAD, 0xBE, 0xEF });
                _writer.Write(_target.WrapForClient(unknown, Now()), flush: true);
                break;
            case FaultKind.TruncatedMessage:
                WriteTruncated();
                break;
            case FaultKind.SlowDrip:
                _writer.StartDrip(fault.BytesPerSecond!.Value, fault.Duration);
                break;
            case FaultKind.RefuseConnections:
                _service.RefuseNextConnections(fault.Count ?? 1);
                break;
            case FaultKind.DisableService:
                _ = _service.DisableServiceAsync();
                if (fault.Duration is { } off)
                {
                    _ = Task.Delay(off, _time).ContinueWith(_ => _service.EnableServiceAsync(), TaskScheduler.Default);
                }

                break;
        }
    }

    /// <summary>Half of a real message, then the server hangs up: the header promises bytes that never come.</summary>
    private void WriteTruncated()
    {
        var message = _target.WrapForClient(new PriorityRecord(1, "high"), Now());
        using var writer = new WireWriter();
        MessageCodec.Write(writer, message);
        var half = writer.WrittenSpan[..(writer.Position / 2)].ToArray();
        _target.MarkClosed();
        _writer.WriteRaw(half, flush: true)
            .ContinueWith(_ => _connection.CloseGracefullyAsync("fault: truncated message"), TaskScheduler.Default);
    }

    private uint Now() => (uint)_time.GetUtcNow().ToUnixTimeSeconds();
}

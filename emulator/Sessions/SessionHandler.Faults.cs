using DotNetty.Buffers;
using DotNetty.Common.Concurrency;
using DotNetty.Transport.Channels;
using EStreamer.Emulator.Faults;
using EStreamer.Emulator.Logging;
using EStreamer.Emulator.Pipeline;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Metadata;
using EStreamer.Scenarios;

namespace EStreamer.Emulator.Sessions;

/// <summary>
/// Scripted faults inside a session: each fires once, at its time or after the session has sent a number
/// of data messages (Streaming Information, Event Data, bundles and host data; keep-alives do not count,
/// their timing is not deterministic).
/// </summary>
internal sealed partial class SessionHandler
{
    /// <summary>A slow drip writes its bytes in ten slices a second.</summary>
    private static readonly TimeSpan DripSlice = TimeSpan.FromMilliseconds(100);

    private readonly FaultSchedule _faultSchedule;
    private readonly IServiceControl _service;
    private readonly List<FaultSpec> _countedFaults = [];
    private readonly List<IScheduledTask> _faultTimers = [];
    private int _dataMessagesSent;
    private DateTimeOffset? _stalledUntil;
    private DateTimeOffset? _keepaliveGapUntil;
    private DripState? _drip;

    private bool IsStalled => _stalledUntil is { } until && DateTimeOffset.UtcNow < until;

    private bool KeepalivesSuppressed => IsStalled || (_keepaliveGapUntil is { } until && DateTimeOffset.UtcNow < until);

    /// <summary>Fires a fault now (control API); returns false once the session is closed.</summary>
    public bool InjectFault(FaultSpec fault)
    {
        if (_context is not { } context || _state == SessionState.Closed)
        {
            return false;
        }

        context.Executor.Execute(() => Fire(context, fault));
        return true;
    }

    private void ArmFaults(IChannelHandlerContext context)
    {
        foreach (var fault in _faultSchedule.ForConnection(_connection.Id))
        {
            if (fault.AfterMessages is not null)
            {
                _countedFaults.Add(fault);
                continue;
            }

            var delay = _faultSchedule.Start + (fault.At ?? TimeSpan.Zero) - DateTimeOffset.UtcNow;
            if (delay <= TimeSpan.Zero && fault.Connection is null)
            {
                // A session-wide fault whose time passed before this session began happened to others.
                continue;
            }

            _faultTimers.Add(context.Executor.Schedule(() => Fire(context, fault), delay > TimeSpan.Zero ? delay : TimeSpan.Zero));
        }
    }

    private void DisarmFaults()
    {
        foreach (var timer in _faultTimers)
        {
            timer.Cancel();
        }

        _faultTimers.Clear();
        if (_drip is { } drip)
        {
            drip.Timer?.Cancel();
            while (drip.Queue.TryDequeue(out var pending))
            {
                DotNetty.Common.Utilities.ReferenceCountUtil.SafeRelease(pending);
            }
        }
    }

    private void CountDataMessage(IChannelHandlerContext context)
    {
        _dataMessagesSent++;
        for (var i = _countedFaults.Count - 1; i >= 0; i--)
        {
            if (_dataMessagesSent >= _countedFaults[i].AfterMessages)
            {
                var fault = _countedFaults[i];
                _countedFaults.RemoveAt(i);
                if (_faultSchedule.ClaimReached(fault))
                {
                    // After the message that reached the count has gone out, not in the middle of writing it.
                    context.Executor.Execute(() => Fire(context, fault));
                }
            }
        }
    }

    private void Fire(IChannelHandlerContext context, FaultSpec fault)
    {
        if (_state == SessionState.Closed || _connection.IsClosing)
        {
            return;
        }

        var detail = Describe(fault);
        Log.FaultFired(_logger, Id, fault.Kind.ToString(), detail);
        _registry.Decision(Id, "fault", $"{fault.Kind}: {detail}");
        switch (fault.Kind)
        {
            case FaultKind.GracefulDisconnect:
                Close("fault: graceful disconnect");
                break;
            case FaultKind.TcpReset:
                _state = SessionState.Closed;
                _connection.NoteCloseReason("fault: TCP reset");
                AbortiveClose(context.Channel);
                break;
            case FaultKind.Stall:
                _stalledUntil = DateTimeOffset.UtcNow + fault.Duration!.Value;
                _faultTimers.Add(context.Executor.Schedule(
                    () =>
                    {
                        _stalledUntil = null;
                        SchedulePump();
                    },
                    fault.Duration.Value));
                break;
            case FaultKind.KeepaliveGap:
                _keepaliveGapUntil = DateTimeOffset.UtcNow + fault.Duration!.Value;
                break;
            case FaultKind.ErrorMessage:
                _state = SessionState.Closed;
                context.WriteAndFlushAsync(MessageEncoder.Encode(context.Allocator, new ErrorMessage(fault.Code ?? ErrorMessage.GenericCode, fault.Text ?? string.Empty)))
                    .ContinueWith(_ => _connection.CloseGracefullyAsync($"fault: Error {fault.Code}"), TaskScheduler.Default);
                break;
            case FaultKind.WrongHeaderVersion:
                // A Null whose header version is 2: eNcore drops the session on it (reference 2.1).
                context.WriteAndFlushAsync(Unpooled.WrappedBuffer([0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]));
                break;
            case FaultKind.UnknownRecordType:
                Write(context, WrapForClient(new OpaqueRecord((RecordType)(fault.RecordType ?? FaultSpec.DefaultUnknownRecordType), new byte[] { 0xDE, 0xAD, 0xBE, 0xEF })), flush: true);
                break;
            case FaultKind.TruncatedMessage:
                WriteTruncated(context);
                break;
            case FaultKind.SlowDrip:
                StartDrip(context, fault.BytesPerSecond!.Value, fault.Duration);
                break;
            case FaultKind.RefuseConnections:
                _service.RefuseNextConnections(fault.Count ?? 1);
                break;
            case FaultKind.DisableService:
                _ = _service.DisableServiceAsync();
                if (fault.Duration is { } off)
                {
                    _ = Task.Delay(off).ContinueWith(_ => _service.EnableServiceAsync(), TaskScheduler.Default);
                }

                break;
        }
    }

    /// <summary>A record as this session delivers records: in a bundle after an extended request, else as Event Data.</summary>
    private IMessage WrapForClient(IRecord record)
    {
        var data = new EventData(record, (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds(), _extendedHeader);
        if (!_extended)
        {
            return new EventDataMessage(data);
        }

        return NextBundle([data]);
    }

    /// <summary>Half of a real message, then the server hangs up: the header promises bytes that never come.</summary>
    private void WriteTruncated(IChannelHandlerContext context)
    {
        var message = WrapForClient(new PriorityRecord(1, "high"));
        using var writer = new WireWriter();
        MessageCodec.Write(writer, message);
        var half = writer.WrittenSpan[..(writer.Position / 2)].ToArray();
        _state = SessionState.Closed;
        context.WriteAndFlushAsync(Unpooled.WrappedBuffer(half))
            .ContinueWith(_ => _connection.CloseGracefullyAsync("fault: truncated message"), TaskScheduler.Default);
    }

    private void StartDrip(IChannelHandlerContext context, int bytesPerSecond, TimeSpan? duration)
    {
        var drip = new DripState(Math.Max(1, bytesPerSecond / 10), duration is { } d ? DateTimeOffset.UtcNow + d : null);
        _drip = drip;
        drip.Timer = context.Executor.Schedule(() => DripTick(context, drip), DripSlice);
    }

    private void EnqueueDrip(IChannelHandlerContext context, IByteBuffer buffer) => _drip!.Queue.Enqueue(buffer);

    /// <summary>Writes one slice; messages pause part-way, which is the point (eNcore loses framing, reference 12.3).</summary>
    private void DripTick(IChannelHandlerContext context, DripState drip)
    {
        if (_state == SessionState.Closed || _connection.IsClosing)
        {
            return;
        }

        var ended = drip.Until is { } until && DateTimeOffset.UtcNow >= until;
        var budget = ended ? int.MaxValue : drip.SliceBytes;
        while (budget > 0 && drip.Queue.TryPeek(out var head))
        {
            var take = Math.Min(budget, head.ReadableBytes);
            var slice = head.ReadRetainedSlice(take);
            budget -= take;
            context.WriteAndFlushAsync(slice);
            if (head.ReadableBytes == 0)
            {
                drip.Queue.Dequeue();
                Interlocked.Add(ref _queuedBytes, -head.WriterIndex);
                head.Release();
            }
        }

        if (ended)
        {
            _drip = null;
            SchedulePump();
            return;
        }

        if (drip.Queue.Count == 0)
        {
            SchedulePump();
        }

        drip.Timer = context.Executor.Schedule(() => DripTick(context, drip), DripSlice);
    }

    /// <summary>
    /// Closes with a TCP reset. DotNetty always shuts the socket down (FIN) before disposing it, which hides
    /// a zero linger, so the socket is closed here first; DotNetty then finds it gone and tidies up.
    /// </summary>
    private static void AbortiveClose(IChannel channel)
    {
        if (SocketField.GetValue(channel) is System.Net.Sockets.Socket socket)
        {
            socket.LingerState = new System.Net.Sockets.LingerOption(true, 0);
            socket.Close();
        }

        channel.CloseAsync().ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private static readonly System.Reflection.FieldInfo SocketField =
        typeof(DotNetty.Transport.Channels.Sockets.AbstractSocketChannel).GetField("Socket", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)
        ?? throw new InvalidOperationException("DotNetty's socket channel no longer has its Socket field");

    private static string Describe(FaultSpec fault)
    {
        var parts = new List<string>();
        if (fault.At is { } at)
        {
            parts.Add($"at {at.TotalSeconds:0.###}s");
        }

        if (fault.AfterMessages is { } after)
        {
            parts.Add($"after {after} messages");
        }

        if (fault.Duration is { } duration)
        {
            parts.Add($"for {duration.TotalSeconds:0.###}s");
        }

        if (fault.Code is { } code)
        {
            parts.Add($"code {code}");
        }

        if (!string.IsNullOrEmpty(fault.Text))
        {
            parts.Add($"text \"{fault.Text}\"");
        }

        if (fault.BytesPerSecond is { } rate)
        {
            parts.Add($"{rate} bytes/s");
        }

        if (fault.Count is { } count)
        {
            parts.Add($"{count} connections");
        }

        if (fault.RecordType is { } recordType)
        {
            parts.Add($"record type {recordType}");
        }

        return parts.Count == 0 ? "now" : string.Join(", ", parts);
    }

    private sealed class DripState(int sliceBytes, DateTimeOffset? until)
    {
        public int SliceBytes { get; } = sliceBytes;

        public DateTimeOffset? Until { get; } = until;

        public Queue<IByteBuffer> Queue { get; } = new();

        public IScheduledTask? Timer { get; set; }
    }
}

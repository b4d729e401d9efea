using DotNetty.Buffers;
using DotNetty.Common.Utilities;
using DotNetty.Transport.Channels;
using EStreamer.Protocol.Messages;

namespace EStreamer.Emulator.Pipeline;

/// <summary>
/// The one way a message leaves a connection: encoded here, counted in <see cref="QueuedBytes"/> until the
/// socket took it (DotNetty's own pending-bytes count is not reliable behind its TLS handler), counted as a
/// data message for message-count faults, and followed to completion. Faults that need malformed bytes use
/// <see cref="WriteRaw"/>; a slow drip holds every write here and lets it out in slices. Used on the
/// channel's event loop only; the counters are read from anywhere.
/// </summary>
internal sealed class ConnectionWriter
{
    /// <summary>A slow drip writes its bytes in ten slices a second.</summary>
    public static readonly TimeSpan DripSlice = TimeSpan.FromMilliseconds(100);

    private readonly TimeProvider _time;
    private IChannelHandlerContext? _context;
    private long _queuedBytes;
    private long _bytesSent;
    private int _dataMessages;
    private Drip? _drip;

    public ConnectionWriter(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>A data message went out (Streaming Information, Event Data, bundles, host data): the count so far.</summary>
    public event Action<int>? DataMessageWritten;

    /// <summary>A write finished; the argument is what stays queued after it.</summary>
    public event Action<Task, long>? WriteCompleted;

    /// <summary>A slow drip let out everything it held, or ended.</summary>
    public event Action? Drained;

    public long QueuedBytes => Interlocked.Read(ref _queuedBytes);

    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>True while a slow drip holds bytes back.</summary>
    public bool Holding => _drip is { Queue.Count: > 0 };

    /// <summary>Writes go through this context: the last stage, so they pass every outbound stage.</summary>
    public void Bind(IChannelHandlerContext context) => _context = context;

    /// <summary>Encodes and writes one message. Nulls and Errors are not data messages (their timing is not the stream's).</summary>
    public Task Write(IMessage message, bool flush)
    {
        var context = _context ?? throw new InvalidOperationException("the writer is not bound to a channel yet");
        var buffer = MessageEncoder.Encode(context.Allocator, message);
        return message is NullMessage or ErrorMessage ? Send(context, buffer, flush) : SendData(context, buffer, flush);
    }

    /// <summary>A data message the session encoded itself, whole in <paramref name="message"/> (which this writer now owns).</summary>
    public Task WriteData(IByteBuffer message, bool flush)
    {
        var context = _context ?? throw new InvalidOperationException("the writer is not bound to a channel yet");
        return SendData(context, message, flush);
    }

    /// <summary>The allocator of the channel's buffers.</summary>
    public IByteBufferAllocator Allocator => _context?.Allocator ?? throw new InvalidOperationException("the writer is not bound to a channel yet");

    /// <summary>Bytes that are not a well-formed message (a wrong header version, half a message): counted, never a data message.</summary>
    public Task WriteRaw(byte[] bytes, bool flush)
    {
        var context = _context ?? throw new InvalidOperationException("the writer is not bound to a channel yet");
        return Send(context, Unpooled.WrappedBuffer(bytes), flush);
    }

    public void Flush() => _context?.Flush();

    /// <summary>From now on at most <paramref name="bytesPerSecond"/> leave, in slices, for <paramref name="duration"/> or for good.</summary>
    public void StartDrip(int bytesPerSecond, TimeSpan? duration)
    {
        var context = _context ?? throw new InvalidOperationException("the writer is not bound to a channel yet");
        StopDrip();
        var drip = new Drip(Math.Max(1, bytesPerSecond / 10), duration is { } d ? _time.GetUtcNow() + d : null);
        drip.Timer = _time.CreateTimer(_ => context.Executor.Execute(() => DripTick(context, drip)), null, DripSlice, DripSlice);
        _drip = drip;
    }

    /// <summary>Drops what a drip still holds (the connection is gone) and stops its timer.</summary>
    public void StopDrip()
    {
        if (_drip is not { } drip)
        {
            return;
        }

        _drip = null;
        drip.Timer?.Dispose();
        while (drip.Queue.TryDequeue(out var pending))
        {
            ReferenceCountUtil.SafeRelease(pending.Buffer);
            pending.Done.TrySetCanceled();
        }
    }

    private Task SendData(IChannelHandlerContext context, IByteBuffer buffer, bool flush)
    {
        var written = Send(context, buffer, flush);
        DataMessageWritten?.Invoke(++_dataMessages);
        return written;
    }

    private Task Send(IChannelHandlerContext context, IByteBuffer buffer, bool flush)
    {
        var size = buffer.ReadableBytes;
        Interlocked.Add(ref _queuedBytes, size);
        Task task;
        if (_drip is { } drip)
        {
            var pending = new Held(buffer, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            drip.Queue.Enqueue(pending);
            task = pending.Done.Task;
        }
        else
        {
            task = flush ? context.WriteAndFlushAsync(buffer) : context.WriteAsync(buffer);
        }

        task.ContinueWith(
            (completed, state) => ((ConnectionWriter)state!).OnWritten(completed, size),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return task;
    }

    private void OnWritten(Task task, int size)
    {
        var queued = Interlocked.Add(ref _queuedBytes, -size);
        if (task.IsCompletedSuccessfully)
        {
            Interlocked.Add(ref _bytesSent, size);
        }

        WriteCompleted?.Invoke(task, queued);
    }

    /// <summary>Writes one slice; messages pause part-way, which is the point (eNcore loses framing, reference 12.3).</summary>
    private void DripTick(IChannelHandlerContext context, Drip drip)
    {
        if (!ReferenceEquals(_drip, drip) || !context.Channel.Active)
        {
            return;
        }

        var ended = drip.Until is { } until && _time.GetUtcNow() >= until;
        var budget = ended ? int.MaxValue : drip.SliceBytes;
        while (budget > 0 && drip.Queue.TryPeek(out var head))
        {
            var take = Math.Min(budget, head.Buffer.ReadableBytes);
            budget -= take;
            var slice = context.WriteAndFlushAsync(head.Buffer.ReadRetainedSlice(take));
            if (head.Buffer.ReadableBytes == 0)
            {
                drip.Queue.Dequeue();
                head.Buffer.Release();
                slice.ContinueWith(t => head.Done.TrySetFromTask(t), TaskScheduler.Default);
            }
        }

        if (ended)
        {
            _drip = null;
            drip.Timer?.Dispose();
        }

        if (ended || drip.Queue.Count == 0)
        {
            Drained?.Invoke();
        }
    }

    private sealed record Held(IByteBuffer Buffer, TaskCompletionSource Done);

    private sealed class Drip(int sliceBytes, DateTimeOffset? until)
    {
        public int SliceBytes { get; } = sliceBytes;

        public DateTimeOffset? Until { get; } = until;

        public Queue<Held> Queue { get; } = new();

        public System.Threading.ITimer? Timer { get; set; }
    }
}

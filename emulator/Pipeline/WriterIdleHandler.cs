using DotNetty.Handlers.Timeout;
using DotNetty.Transport.Channels;

namespace EStreamer.Emulator.Pipeline;

/// <summary>
/// Fires <see cref="IdleStateEvent.WriterIdleStateEvent"/> after <c>interval</c> with no write, and again
/// every interval while the writer stays idle, as DotNetty's IdleStateHandler does, but on a
/// <see cref="TimeProvider"/> so tests can move time. The timer hops onto the channel's event loop. A write
/// counts when it is made, before its bytes leave: a client that has read a message knows the server's idle
/// time started no later than that message (a write counted on completion could be counted after the client
/// had read it, and moved a fake clock).
/// </summary>
internal sealed class WriterIdleHandler : ChannelHandlerAdapter
{
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private ITimer? _timer;
    private long _lastWrite;

    public WriterIdleHandler(TimeSpan interval, TimeProvider time)
    {
        _interval = interval;
        _time = time;
    }

    public override void HandlerAdded(IChannelHandlerContext context)
    {
        if (context.Channel.Active)
        {
            Start(context);
        }
    }

    public override void ChannelActive(IChannelHandlerContext context)
    {
        Start(context);
        base.ChannelActive(context);
    }

    public override void ChannelInactive(IChannelHandlerContext context)
    {
        Stop();
        base.ChannelInactive(context);
    }

    public override void HandlerRemoved(IChannelHandlerContext context) => Stop();

    public override Task WriteAsync(IChannelHandlerContext context, object message)
    {
        NoteWrite();
        return context.WriteAsync(message);
    }

    private void NoteWrite() => Interlocked.Exchange(ref _lastWrite, _time.GetTimestamp());

    private void Start(IChannelHandlerContext context)
    {
        if (_timer is not null || _interval <= TimeSpan.Zero)
        {
            return;
        }

        NoteWrite();
        _timer = _time.CreateTimer(_ => context.Executor.Execute(() => Check(context)), null, _interval, Timeout.InfiniteTimeSpan);
    }

    private void Check(IChannelHandlerContext context)
    {
        if (_timer is not { } timer || !context.Channel.Active)
        {
            return;
        }

        var idle = _time.GetElapsedTime(Interlocked.Read(ref _lastWrite));
        if (idle >= _interval)
        {
            timer.Change(_interval, Timeout.InfiniteTimeSpan);
            context.FireUserEventTriggered(IdleStateEvent.WriterIdleStateEvent);
            return;
        }

        timer.Change(_interval - idle, Timeout.InfiniteTimeSpan);
    }

    private void Stop()
    {
        _timer?.Dispose();
        _timer = null;
    }
}

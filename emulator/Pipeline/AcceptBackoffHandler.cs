using DotNetty.Transport.Channels;
using EStreamer.Emulator.Logging;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Pipeline;

/// <summary>
/// On the listening channel: pauses accepting after a failed accept, longer each time, and logs once per
/// episode. DotNetty 0.7.6 swallows a failed accept (too many open files, for one) and asks for the next one
/// at once, which spins a core; what it leaves visible is a read batch that ends without a connection.
/// Turning automatic reading off stops the next accept; a timer turns it back on.
/// </summary>
internal sealed class AcceptBackoffHandler : ChannelHandlerAdapter
{
    public static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(5);

    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private bool _acceptedInBatch;
    private long _failures;
    private TimeSpan _pause = FirstPause;
    private ITimer? _resume;

    public AcceptBackoffHandler(ILogger logger, TimeProvider time)
    {
        _logger = logger;
        _time = time;
    }

    public override void ChannelRead(IChannelHandlerContext context, object message)
    {
        _acceptedInBatch = true;
        if (_failures > 0)
        {
            Log.AcceptRecovered(_logger, _failures);
            _failures = 0;
            _pause = FirstPause;
        }

        context.FireChannelRead(message);
    }

    public override void ChannelReadComplete(IChannelHandlerContext context)
    {
        if (!_acceptedInBatch && context.Channel.Open && context.Channel.Active)
        {
            Pause(context);
        }

        _acceptedInBatch = false;
        context.FireChannelReadComplete();
    }

    public override void ChannelInactive(IChannelHandlerContext context)
    {
        _resume?.Dispose();
        base.ChannelInactive(context);
    }

    private void Pause(IChannelHandlerContext context)
    {
        if (_failures++ == 0)
        {
            Log.AcceptFailing(_logger, "an accept ended without a connection; the system may be out of file descriptors", _pause);
        }

        context.Channel.Configuration.AutoRead = false;
        _resume?.Dispose();
        _resume = _time.CreateTimer(
            _ => context.Executor.Execute(() =>
            {
                if (context.Channel.Active)
                {
                    context.Channel.Configuration.AutoRead = true;
                }
            }),
            null,
            _pause,
            Timeout.InfiniteTimeSpan);
        _pause = TimeSpan.FromTicks(Math.Min(_pause.Ticks * 2, LongestPause.Ticks));
    }
}

using DotNetty.Handlers.Tls;
using DotNetty.Transport.Channels;
using EStreamer.Emulator.Logging;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Pipeline;

/// <summary>
/// Drops a connection whose TLS handshake has not completed in time, and logs failed handshakes once.
/// DotNetty's TLS handler has neither (the model is Kestrel's handshake timeout).
/// </summary>
internal sealed class HandshakeTimeoutHandler : ChannelHandlerAdapter
{
    private readonly TimeSpan _timeout;
    private readonly ILogger _logger;
    private DotNetty.Common.Concurrency.IScheduledTask? _timer;

    public HandshakeTimeoutHandler(TimeSpan timeout, ILogger logger)
    {
        _timeout = timeout;
        _logger = logger;
    }

    public override void ChannelActive(IChannelHandlerContext context)
    {
        _timer = context.Executor.Schedule(
            () =>
            {
                if (context.Channel.Active)
                {
                    Log.HandshakeTimedOut(_logger, context.Channel.RemoteAddress, _timeout);
                    context.CloseAsync();
                }
            },
            _timeout);
        base.ChannelActive(context);
    }

    public override void UserEventTriggered(IChannelHandlerContext context, object evt)
    {
        if (evt is TlsHandshakeCompletionEvent completion)
        {
            _timer?.Cancel();
            if (!completion.IsSuccessful)
            {
                Log.HandshakeFailed(_logger, context.Channel.RemoteAddress, completion.Exception?.GetBaseException().Message ?? "unknown");
            }

            context.Channel.Pipeline.Remove(this);
        }

        base.UserEventTriggered(context, evt);
    }

    public override void ChannelInactive(IChannelHandlerContext context)
    {
        _timer?.Cancel();
        base.ChannelInactive(context);
    }
}

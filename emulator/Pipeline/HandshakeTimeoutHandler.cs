using DotNetty.Handlers.Tls;
using DotNetty.Transport.Channels;
using EStreamer.Emulator.Logging;
using EStreamer.Emulator.Sessions;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Pipeline;

/// <summary>
/// Drops a connection whose TLS handshake has not completed in time, and logs failed handshakes once.
/// DotNetty's TLS handler has neither (the model is Kestrel's handshake timeout).
/// </summary>
internal sealed class HandshakeTimeoutHandler : ChannelHandlerAdapter
{
    private readonly TimeSpan _timeout;
    private readonly ConnectionState _connection;
    private readonly SessionRegistry _registry;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private ITimer? _timer;

    public HandshakeTimeoutHandler(TimeSpan timeout, ConnectionState connection, SessionRegistry registry, ILogger logger, TimeProvider time)
    {
        _time = time;
        _timeout = timeout;
        _connection = connection;
        _registry = registry;
        _logger = logger;
    }

    public override void ChannelActive(IChannelHandlerContext context)
    {
        _timer = _time.CreateTimer(_ => context.Executor.Execute(() => OnTimeout(context)), null, _timeout, Timeout.InfiniteTimeSpan);
        base.ChannelActive(context);
    }

    public override void UserEventTriggered(IChannelHandlerContext context, object evt)
    {
        if (evt is TlsHandshakeCompletionEvent completion)
        {
            _timer?.Dispose();
            if (!completion.IsSuccessful)
            {
                var reason = completion.Exception?.GetBaseException().Message ?? "unknown";
                if (!context.Channel.Active)
                {
                    // The peer went away before any handshake (a port check, a client giving up): not a TLS error.
                    Log.ClosedBeforeHandshake(_logger, _connection.Remote);
                    _connection.NoteCloseReason("closed before the TLS handshake");
                }
                else
                {
                    Log.HandshakeFailed(_logger, _connection.Remote, reason);
                    _connection.NoteCloseReason($"TLS handshake failed: {reason}");
                    _registry.Refused(_connection.Id, _connection.Remote, "handshake-failed");
                }
            }

            context.Channel.Pipeline.Remove(this);
        }

        base.UserEventTriggered(context, evt);
    }

    public override void ChannelInactive(IChannelHandlerContext context)
    {
        _timer?.Dispose();
        base.ChannelInactive(context);
    }

    private void OnTimeout(IChannelHandlerContext context)
    {
        // The handshake may have completed while this hopped onto the event loop: the handler is gone then.
        if (context.Channel.Active && !context.Removed)
        {
            Log.HandshakeTimedOut(_logger, _connection.Remote, _timeout);
            _connection.NoteCloseReason("TLS handshake timed out");
            _registry.Refused(_connection.Id, _connection.Remote, "handshake-timeout");
            context.CloseAsync();
        }
    }
}

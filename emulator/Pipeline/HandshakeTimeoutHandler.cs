using System.Security.Authentication;
using DotNetty.Handlers.Tls;
using DotNetty.Transport.Channels;
using EStreamer.Emulator.Logging;
using EStreamer.Emulator.Sessions;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Pipeline;

/// <summary>
/// Drops a connection whose TLS handshake has not completed in time, and logs failed handshakes once:
/// a client that sent bytes (TLS or not) and failed is a refused connection; one that sent nothing and
/// left (a port check) is not.
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

    private readonly SslProtocols _accepted;

    public HandshakeTimeoutHandler(TimeSpan timeout, ConnectionState connection, SessionRegistry registry, ILogger logger, TimeProvider time, SslProtocols accepted)
    {
        _accepted = accepted;
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
                var hello = _connection.Hello;
                var clientAtFault = hello is not null && (!hello.IsTls || hello.VersionMismatch(_accepted) is not null);
                if (hello is null)
                {
                    // The peer went away before any handshake (a port check, a client giving up): not a TLS error.
                    Log.ClosedBeforeHandshake(_logger, _connection.Remote);
                    _connection.NoteCloseReason("closed before the TLS handshake");
                }
                else if (!clientAtFault && !context.Channel.Active)
                {
                    // A TLS client that hung up mid-handshake, or a close of the server's own (timeout, service off).
                    Log.ClosedDuringHandshake(_logger, _connection.Remote);
                    _connection.NoteCloseReason("closed during the TLS handshake");
                }
                else
                {
                    var reason = Explain(completion.Exception);
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

    /// <summary>Says what the client did wrong when its first bytes tell (not TLS, versions the server does not speak).</summary>
    private string Explain(Exception? failure)
    {
        var hello = _connection.Hello!;
        if (!hello.IsTls)
        {
            return $"not a TLS ClientHello (first bytes {hello.FirstBytes})";
        }

        return hello.VersionMismatch(_accepted) ?? failure?.GetBaseException().Message ?? "unknown";
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

using System.Security.Cryptography.X509Certificates;
using DotNetty.Buffers;
using DotNetty.Common.Utilities;
using DotNetty.Handlers.Tls;
using DotNetty.Transport.Channels;
using EStreamer.Emulator.Logging;
using EStreamer.Emulator.Peers;
using EStreamer.Emulator.Sessions;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Pipeline;

/// <summary>
/// Post-connect verification (reference 1.4), run when the TLS handshake completes. Until it decides,
/// every inbound byte is held, none dropped (a client may write its request right after the handshake);
/// past <see cref="ReadPauseThreshold"/> held bytes the channel stops reading, so the socket's own window
/// holds the rest until the decision. Accepted: the held bytes go on in order, reading resumes and the
/// handler removes itself. Refused: one greppable log line, TLS close_notify, FIN,
/// and no eStreamer message at all (disconnect rule for authentication failures, reference 7.3).
/// </summary>
internal sealed class PeerCheckHandler : ChannelHandlerAdapter
{
    /// <summary>Held bytes past which reading pauses (back-pressure) until the peer check decides.</summary>
    internal const int ReadPauseThreshold = 64 * 1024;

    private readonly ConnectionState _connection;
    private readonly Func<X509Certificate2?, System.Net.IPAddress, Task<PeerCheckResult>> _verify;
    private readonly SessionRegistry _registry;
    private readonly ILogger _logger;
    private readonly List<IByteBuffer> _held = [];
    private int _heldBytes;
    private bool _decided;
    private bool _readingPaused;

    public PeerCheckHandler(ConnectionState connection, PeerVerifier verifier, SessionRegistry registry, ILogger logger)
        : this(connection, (certificate, remote) => verifier.VerifyAsync(certificate, remote), registry, logger)
    {
    }

    internal PeerCheckHandler(ConnectionState connection, Func<X509Certificate2?, System.Net.IPAddress, Task<PeerCheckResult>> verify, SessionRegistry registry, ILogger logger)
    {
        _connection = connection;
        _verify = verify;
        _registry = registry;
        _logger = logger;
    }

    public override void ChannelRead(IChannelHandlerContext context, object message)
    {
        if (_decided && _connection.Peer is not null)
        {
            context.FireChannelRead(message);
            return;
        }

        if (message is IByteBuffer buffer && !_decided && !_connection.IsClosing)
        {
            _held.Add(buffer);
            _heldBytes += buffer.ReadableBytes;
            if (_heldBytes > ReadPauseThreshold && !_readingPaused)
            {
                _readingPaused = true;
                context.Channel.Configuration.AutoRead = false;
            }

            return;
        }

        // Refused or closing: the connection ends without reading what it sent (reference 7.3).
        ReferenceCountUtil.Release(message);
    }

    public override void UserEventTriggered(IChannelHandlerContext context, object evt)
    {
        if (evt is TlsHandshakeCompletionEvent { IsSuccessful: true })
        {
            var tls = _connection.Tls;
            var certificate = tls?.RemoteCertificate as X509Certificate2
                ?? (tls?.RemoteCertificate is { } other ? X509CertificateLoader.LoadCertificate(other.GetRawCertData()) : null);
            _verify(certificate, _connection.RemoteAddress)
                .ContinueWith(
                    task => context.Executor.Execute(() => Decide(context, task.IsCompletedSuccessfully
                        ? task.Result
                        : PeerCheckResult.Reject(PeerRejection.UnknownCertificate, task.Exception?.GetBaseException().Message ?? "verification failed"))),
                    TaskScheduler.Default);
        }

        base.UserEventTriggered(context, evt);
    }

    public override void ChannelInactive(IChannelHandlerContext context)
    {
        ReleaseHeld();
        base.ChannelInactive(context);
    }

    public override void HandlerRemoved(IChannelHandlerContext context) => ReleaseHeld();

    private void Decide(IChannelHandlerContext context, PeerCheckResult result)
    {
        _decided = true;
        if (!result.Accepted)
        {
            Log.PeerRejected(_logger, _connection.Remote, Kebab(result.Rejection), result.Detail);
            _registry.Refused(_connection.Id, _connection.Remote, Kebab(result.Rejection));
            ReleaseHeld();
            _ = _connection.CloseGracefullyAsync($"authentication failed: {Kebab(result.Rejection)}");
            return;
        }

        _connection.Peer = result.Peer;
        Log.PeerAccepted(_logger, _connection.Remote, result.Peer!.Host, _connection.Tls?.SslProtocol.ToString() ?? "?");
        context.FireUserEventTriggered(PeerAcceptedEvent.Instance);
        var held = _held.ToArray();
        _held.Clear();
        _heldBytes = 0;
        foreach (var buffer in held)
        {
            context.FireChannelRead(buffer);
        }

        if (held.Length > 0)
        {
            context.FireChannelReadComplete();
        }

        context.Channel.Pipeline.Remove(this);
        if (_readingPaused)
        {
            // Turning automatic reading back on also asks for the next read.
            _readingPaused = false;
            context.Channel.Configuration.AutoRead = true;
        }
    }

    private void ReleaseHeld()
    {
        foreach (var buffer in _held)
        {
            ReferenceCountUtil.SafeRelease(buffer);
        }

        _held.Clear();
        _heldBytes = 0;
    }

    /// <summary>Reason codes as they appear in log lines: unknown-certificate, address-mismatch...</summary>
    internal static string Kebab(PeerRejection rejection) => rejection switch
    {
        PeerRejection.NoCertificate => "no-certificate",
        PeerRejection.WrongCa => "wrong-ca",
        PeerRejection.Expired => "expired",
        PeerRejection.NotYetValid => "not-yet-valid",
        PeerRejection.NotForClientAuthentication => "not-client-certificate",
        PeerRejection.UnknownCertificate => "unknown-certificate",
        PeerRejection.Revoked => "revoked",
        PeerRejection.Disabled => "disabled",
        PeerRejection.AddressMismatch => "address-mismatch",
        _ => "accepted",
    };
}

/// <summary>Fired down the pipeline once the peer is verified: the session may start its request timer.</summary>
internal sealed class PeerAcceptedEvent
{
    public static readonly PeerAcceptedEvent Instance = new();
}

using System.Net.Security;
using DotNetty.Handlers.Tls;
using DotNetty.Transport.Channels;
using DotNetty.Transport.Channels.Sockets;
using EStreamer.Emulator.Events;
using EStreamer.Emulator.Faults;
using EStreamer.Emulator.Logging;
using EStreamer.Emulator.Peers;
using EStreamer.Emulator.Server;
using EStreamer.Emulator.Sessions;
using EStreamer.Emulator.Tls;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Pipeline;

/// <summary>
/// Builds each connection's pipeline, stage names as tests and logs know them:
/// hello → tls → handshake-timeout → peer-check → framer → decoder → encoder → idle → faults → session.
/// </summary>
internal sealed class EStreamerChannelInitializer : ChannelInitializer<ISocketChannel>
{
    private readonly EmulatorOptions _options;
    private readonly EmulatorData _data;
    private readonly PeerVerifier _verifier;
    private readonly IEventSource _source;
    private readonly SessionRegistry _registry;
    private readonly ILogger _logger;
    private readonly Func<bool> _serviceEnabled;
    private readonly Func<FaultSchedule> _faults;
    private readonly IServiceControl _service;
    private readonly ConnectionGate _gate;
    private int _nextConnectionId;
    private int _refuseRemaining;

    public EStreamerChannelInitializer(
        EmulatorOptions options,
        EmulatorData data,
        IEventSource source,
        SessionRegistry registry,
        ILogger logger,
        Func<bool> serviceEnabled,
        Func<FaultSchedule> faults,
        IServiceControl service)
    {
        _faults = faults;
        _service = service;
        _options = options;
        _data = data;
        _source = source;
        _registry = registry;
        _logger = logger;
        _serviceEnabled = serviceEnabled;
        _verifier = new PeerVerifier(data.Peers, data.Authority.Certificate);
        data.Peers.AttachLogger(logger);
        _gate = new ConnectionGate(options.MaxConnections, logger);
    }

    /// <summary>Drops the next <paramref name="count"/> connections right after accepting them.</summary>
    public void RefuseNext(int count) => Interlocked.Exchange(ref _refuseRemaining, Math.Max(0, count));

    protected override void InitChannel(ISocketChannel channel)
    {
        var connection = new ConnectionState((uint)Interlocked.Increment(ref _nextConnectionId), channel);
        if (!_serviceEnabled())
        {
            // Disabled service: refuse without a word (reference 7.3). Id 0: it never became a session.
            _registry.Refused(0, channel.RemoteAddress, "service-disabled");
            channel.CloseAsync();
            return;
        }

        if (!_gate.TryAdmit(channel))
        {
            // Over the cap: closed at once, counted, logged once per episode by the gate.
            _registry.Refused(0, connection.Remote, "connection-limit");
            channel.CloseAsync();
            return;
        }

        if (Volatile.Read(ref _refuseRemaining) > 0 && Interlocked.Decrement(ref _refuseRemaining) >= 0)
        {
            // Scripted fault: this connection is dropped before TLS.
            Log.ConnectionRefusedByFault(_logger, connection.Remote, connection.Id);
            channel.CloseAsync();
            return;
        }

        // The TLS callback admits any certificate so that every authentication failure (wrong CA and expired
        // included) ends the same way: TLS up, one log line, close_notify, FIN. The peer check decides.
        var tls = new TlsHandler(
            stream =>
            {
                var ssl = IdleLightSslStream.Over(stream, (_, _, _, _) => true);
                connection.Tls = ssl;
                return ssl;
            },
            new ServerTlsSettings(_data.ServerCertificate, negotiateClientCertificate: true, checkCertificateRevocation: false, _options.TlsProtocols));

        var pipeline = channel.Pipeline;
        pipeline.AddLast("hello", new ClientHelloPeekHandler(connection));
        pipeline.AddLast("tls", tls);

        // After the TLS handler, because the handshake completion event travels inbound from there.
        pipeline.AddLast("handshake-timeout", new HandshakeTimeoutHandler(_options.HandshakeTimeout, connection, _registry, _logger, _options.Time, _options.TlsProtocols));
        pipeline.AddLast("peer-check", new PeerCheckHandler(connection, _verifier, _registry, _logger));
        pipeline.AddLast("framer", new MessageFramer(_options.MaxClientMessageLength, _options.PartialMessageTimeout, _options.Time));
        pipeline.AddLast("decoder", new MessageDecoder(_options.MaxClientMessageLength, _logger, connection.Id));
        pipeline.AddLast("encoder", MessageEncoder.Instance);
        pipeline.AddLast("idle", new WriterIdleHandler(_options.KeepaliveInterval, _options.Time));

        // One writer per connection: the session and the fault stage both write through it.
        var writer = new ConnectionWriter(_options.Time);
        var effects = new FaultEffects(_options.Time);
        var session = new SessionHandler(connection, _options, _source, _registry, _logger, writer, effects);
        pipeline.AddLast("faults", new FaultHandler(connection, writer, effects, _faults(), _service, _registry, _logger, _options.Time, session));
        pipeline.AddLast("session", session);
    }
}

using System.Net;
using EStreamer.Emulator.Server;
using EStreamer.Emulator.Sessions;
using EStreamer.Emulator.Sessions.Events;
using EStreamer.Protocol.Messages;
using Prometheus;

namespace EStreamer.Emulator.Control;

/// <summary>
/// Prometheus metrics of one emulator, in a registry of its own (several emulators in one test process
/// must not add up). Per-session totals are read at scrape time: what closed sessions ended with plus what
/// live sessions show now, which keeps the session's hot path free of metric calls.
/// </summary>
public sealed class EmulatorMetrics : ISessionObserver
{
    private readonly EmulatorServer _server;
    private readonly object _gate = new();
    private readonly Gauge _sessionsOpen;
    private readonly Counter _sessionsTotal;
    private readonly Counter _eventsSent;
    private readonly Counter _bundlesSent;
    private readonly Counter _bytesSent;
    private readonly Counter _clientNulls;
    private readonly Counter _keepalives;
    private readonly Counter _refused;
    private readonly Counter _requestErrors;
    private readonly Gauge _serviceEnabled;
    private Totals _closed;

    public EmulatorMetrics(EmulatorServer server)
    {
        _server = server;
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        _sessionsOpen = factory.CreateGauge("estreamer_sessions_open", "Verified client sessions open now.");
        _sessionsTotal = factory.CreateCounter("estreamer_sessions_total", "Verified client sessions since the emulator started.");
        _eventsSent = factory.CreateCounter("estreamer_events_sent_total", "Event records sent (metadata included), over all sessions.");
        _bundlesSent = factory.CreateCounter("estreamer_bundles_sent_total", "Message bundles (4002) sent.");
        _bytesSent = factory.CreateCounter("estreamer_bytes_sent_total", "eStreamer message bytes the sockets took, before TLS.");
        _clientNulls = factory.CreateCounter("estreamer_client_nulls_total", "Null messages received from clients (acknowledgements).");
        _keepalives = factory.CreateCounter("estreamer_keepalives_sent_total", "Null keep-alives sent while a stream was idle.");
        _refused = factory.CreateCounter("estreamer_connections_refused_total", "Connections turned away before a session, by reason.", "reason");
        _requestErrors = factory.CreateCounter("estreamer_request_errors_total", "Client messages answered with an Error and a close.");
        _serviceEnabled = factory.CreateGauge("estreamer_service_enabled", "1 while the eStreamer service is enabled, 0 while disabled.");
        Registry.AddBeforeCollectCallback(Update);
    }

    public CollectorRegistry Registry { get; }

    public void OnClientMessage(uint sessionId, IMessage message)
    {
    }

    public void OnSessionEvent(uint sessionId, SessionEvent sessionEvent)
    {
        if (sessionEvent is RequestRefused)
        {
            _requestErrors.Inc();
        }
    }

    public void OnSessionClosed(SessionInfo session)
    {
        if (session.Peer is null)
        {
            return;
        }

        lock (_gate)
        {
            _closed = _closed.Add(Totals.Of(session));
        }
    }

    public void OnConnectionRefused(uint sessionId, EndPoint? remote, string reason) => _refused.WithLabels(reason).Inc();

    private void Update()
    {
        var live = _server.Sessions.Live.Where(s => s.Peer is not null).ToArray();
        Totals totals;
        lock (_gate)
        {
            totals = _closed;
        }

        foreach (var session in live)
        {
            totals = totals.Add(Totals.Of(session));
        }

        _sessionsOpen.Set(live.Length);

        // IncTo never lowers a counter: a session caught between leaving the live list and being counted as
        // closed makes a scrape lag, not go backwards.
        _sessionsTotal.IncTo(totals.Sessions);
        _eventsSent.IncTo(totals.Events);
        _bundlesSent.IncTo(totals.Bundles);
        _bytesSent.IncTo(totals.Bytes);
        _clientNulls.IncTo(totals.Nulls);
        _keepalives.IncTo(totals.Keepalives);
        _serviceEnabled.Set(_server.ServiceEnabled ? 1 : 0);
    }

    private readonly record struct Totals(long Sessions, long Events, long Bundles, long Bytes, long Nulls, long Keepalives)
    {
        public static Totals Of(SessionInfo session) =>
            new(1, session.EventsSent, session.BundlesSent, session.BytesSent, session.NullsReceived, session.KeepalivesSent);

        public Totals Add(Totals other) => new(
            Sessions + other.Sessions,
            Events + other.Events,
            Bundles + other.Bundles,
            Bytes + other.Bytes,
            Nulls + other.Nulls,
            Keepalives + other.Keepalives);
    }
}

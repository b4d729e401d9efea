using EStreamer.Emulator.Conformance;
using EStreamer.Emulator.Events;
using EStreamer.Emulator.Logging;
using EStreamer.Emulator.Server;
using EStreamer.Emulator.Sessions;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Control;

/// <summary>
/// What the control API can see and do, without HTTP: sessions, the session journal, conformance reports,
/// metrics, reset and the service switch. <see cref="ControlServer"/> puts it on a port; the in-process
/// fixture calls it directly. Attaches its observers to the server's sessions when created.
/// </summary>
public sealed class EmulatorControl : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _resetting = new(1, 1);

    public EmulatorControl(EmulatorServer server, EventJournal? events, ControlOptions options, ILoggerFactory loggers, TimeProvider? time = null)
    {
        Server = server;
        Events = events;
        _logger = loggers.CreateLogger("EStreamer.Emulator");
        Journal = new SessionJournal(options.JournalEntries, time);
        Conformance = new ConformanceRecorder(Path.Combine(server.Data.Directory, "reports"), server.Options, _logger, time);
        Metrics = new EmulatorMetrics(server);
        server.Sessions.AddObserver(Journal);
        server.Sessions.AddObserver(Conformance);
        server.Sessions.AddObserver(Metrics);
    }

    /// <summary>Raised at the end of <see cref="ResetAsync"/>, for parts that keep state of their own (a scenario player).</summary>
    public event Action? Resetting;

    public EmulatorServer Server { get; }

    /// <summary>The store sessions stream from, when it is an <see cref="EventJournal"/> (reset clears it).</summary>
    public EventJournal? Events { get; }

    public SessionJournal Journal { get; }

    public ConformanceRecorder Conformance { get; }

    public EmulatorMetrics Metrics { get; }

    /// <summary>Live sessions and the most recent closed ones, by id.</summary>
    public IReadOnlyList<SessionInfo> Sessions() =>
        Server.Sessions.Live.Concat(Server.Sessions.Closed).GroupBy(s => s.Id).Select(g => g.Last()).OrderBy(s => s.Id).ToArray();

    public SessionInfo? Session(uint id) => Server.Sessions.Find(id);

    /// <summary>
    /// The final report of a closed session, else a provisional one from what the session shows now (also
    /// while it is closing, before its final report is made), else null for an unknown id.
    /// </summary>
    public ConformanceReport? ConformanceOf(uint id)
    {
        if (Conformance.Find(id) is { } report)
        {
            return report;
        }

        return Server.Sessions.Find(id) is { } session ? Conformance.Provisional(session) : null;
    }

    public Readiness Readiness()
    {
        var enabled = Server.ServiceEnabled;
        var listening = Server.Listening;
        var reason = !enabled ? "eStreamer service disabled"
            : !listening ? $"eStreamer port {Server.Port} not listening"
            : null;
        return new Readiness(reason is null, reason, enabled, listening, Server.Address.ToString(), Server.Port);
    }

    /// <summary>
    /// Back to a clean slate: every session closed without a word (as when the service stops), then the
    /// session journal, conformance reports (and their files), closed-session list and event journal
    /// emptied. Returns how many sessions were closed.
    /// </summary>
    public async Task<int> ResetAsync(CancellationToken cancellation = default)
    {
        await _resetting.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            // Every close reported before the clear: no closing session's report or journal entry outlives it.
            var closed = await Server.CloseSessionsAsync("reset", cancellation).ConfigureAwait(false);
            Journal.Clear();
            Conformance.Clear();
            Server.Sessions.ClearClosed();
            Events?.Clear();
            Resetting?.Invoke();
            Log.Reset(_logger, closed);
            return closed;
        }
        finally
        {
            _resetting.Release();
        }
    }

    /// <summary>The service switch: disabling closes every client silently and refuses new ones (reference 7.3).</summary>
    public Task SetServiceEnabledAsync(bool enabled) =>
        enabled ? Server.EnableServiceAsync() : Server.DisableServiceAsync();

    public async ValueTask DisposeAsync()
    {
        await Conformance.DisposeAsync().ConfigureAwait(false);
        _resetting.Dispose();
    }
}

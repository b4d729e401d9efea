using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using EStreamer.Emulator.Control;
using EStreamer.Emulator.Logging;
using EStreamer.Emulator.Server;
using EStreamer.Emulator.Sessions;
using EStreamer.Emulator.Sessions.Events;
using EStreamer.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Conformance;

/// <summary>
/// Watches sessions and, when a verified one ends, judges how its client behaved (<see cref="ConformanceReport"/>).
/// Reports stay in memory and go to reports/session-ID.json and .txt in the data folder; only the newest
/// <see cref="EmulatorOptions.ReportsKept"/> stay in either, so a long run does not fill the disk.
/// Files are written by one background task in order, never on a session's event loop.
/// </summary>
public sealed class ConformanceRecorder : ISessionObserver, IAsyncDisposable
{
    private const int DeliveriesKeptPerPeer = 256;

    private readonly ConcurrentDictionary<uint, SessionObservations> _live = new();
    private readonly object _gate = new();
    private readonly Dictionary<string, List<PeerDelivery>> _deliveries = new(StringComparer.Ordinal);
    private readonly SortedDictionary<uint, ConformanceReport> _reports = [];
    private readonly EmulatorOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Channel<Func<Task>> _jobs = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    // directory: where the report files go (created when needed, emptied now); null keeps reports in memory only.
    public ConformanceRecorder(string? directory, EmulatorOptions options, ILogger logger, TimeProvider? time = null)
    {
        Directory = directory is null ? null : Path.GetFullPath(directory);
        _options = options;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _writer = Task.Run(WriteLoopAsync);

        // Session ids start at 1 in every run: files left by an earlier run would read as this run's.
        Enqueue(() => DeleteFiles("session-*"));
    }

    /// <summary>Raised (on the closing session's event loop) when a final report is made; handlers must be quick.</summary>
    public event Action<ConformanceReport>? ReportCompleted;

    public string? Directory { get; }

    /// <summary>Final reports, oldest session first.</summary>
    public IReadOnlyList<ConformanceReport> Reports
    {
        get
        {
            lock (_gate)
            {
                return _reports.Values.ToArray();
            }
        }
    }

    /// <summary>The final report of a closed session, or null.</summary>
    public ConformanceReport? Find(uint sessionId)
    {
        lock (_gate)
        {
            return _reports.GetValueOrDefault(sessionId);
        }
    }

    /// <summary>A report of a session still open, from what was seen so far (<see cref="ConformanceReport.Final"/> false).</summary>
    public ConformanceReport Provisional(SessionInfo session)
    {
        var observed = _live.TryGetValue(session.Id, out var observations) ? observations.Capture() : new SessionObservations().Capture();
        return Build(session, observed, final: false);
    }

    /// <summary>Forgets every report and what each peer was sent (a control reset), and deletes the report files.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _reports.Clear();
            _deliveries.Clear();
        }

        Enqueue(() => DeleteFiles("session-*"));
    }

    /// <summary>Completes once every report made so far is on disk.</summary>
    public Task FlushAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_jobs.Writer.TryWrite(() =>
        {
            done.TrySetResult();
            return Task.CompletedTask;
        }))
        {
            done.TrySetResult();
        }

        return done.Task;
    }

    public void OnClientMessage(uint sessionId, IMessage message) => Observations(sessionId).Client(message);

    public void OnSessionEvent(uint sessionId, SessionEvent sessionEvent) => Observations(sessionId).Server(sessionEvent, _time.GetUtcNow());

    public void OnSessionClosed(SessionInfo session)
    {
        // Connections refused before verification are counted by metrics and logged; they have no client behaviour to judge.
        if (session.Peer is null)
        {
            _live.TryRemove(session.Id, out _);
            return;
        }

        // The observations go only once the final report is stored, so a provisional report asked for in between
        // still sees everything observed.
        var observations = _live.TryGetValue(session.Id, out var seen) ? seen : new SessionObservations();
        var report = Build(session, observations.Capture(), final: true);
        lock (_gate)
        {
            _reports[session.Id] = report;
            _live.TryRemove(session.Id, out _);
            while (_reports.Count > Math.Max(1, _options.ReportsKept))
            {
                var oldest = _reports.Keys.First();
                _reports.Remove(oldest);

                // Queued after the oldest report's own write, so its files are gone once both ran.
                Enqueue(() => DeleteFiles($"session-{oldest}.*"));
            }

            if (session.FirstSequenceSent is { } first && session.LastSequenceSent is { } last)
            {
                var key = ConformanceAnalysis.PeerKey(session);
                if (!_deliveries.TryGetValue(key, out var list))
                {
                    list = [];
                    _deliveries[key] = list;
                }

                list.Add(new PeerDelivery(session.Id, new SequenceRange(first, last), session.LastArchiveTimestampSent));
                if (list.Count > DeliveriesKeptPerPeer)
                {
                    list.RemoveAt(0);
                }
            }
        }

        Log.ConformanceSummary(_logger, session.Id, ConformanceText.OneLine(report));
        Enqueue(() => WriteAsync(report));
        ReportCompleted?.Invoke(report);
    }

    public async ValueTask DisposeAsync()
    {
        _jobs.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private SessionObservations Observations(uint sessionId) => _live.GetOrAdd(sessionId, static _ => new SessionObservations());

    private ConformanceReport Build(SessionInfo session, Observed observed, bool final)
    {
        var grace = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(2).Ticks, _options.KeepaliveInterval.Ticks / 2));
        return ConformanceAnalysis.Build(session, observed, History(session), final, _time.GetUtcNow(), _options.MaxUnacknowledgedBundles, grace);
    }

    /// <summary>What the same peer was sent by sessions before this one (lower ids) that have closed.</summary>
    private PeerHistory History(SessionInfo session)
    {
        lock (_gate)
        {
            if (!_deliveries.TryGetValue(ConformanceAnalysis.PeerKey(session), out var list))
            {
                return PeerHistory.None;
            }

            var earlier = list.Where(d => d.SessionId < session.Id).ToArray();
            if (earlier.Length == 0)
            {
                return PeerHistory.None;
            }

            var previous = earlier.MaxBy(d => d.SessionId)!;
            return new PeerHistory(previous.SessionId, previous.LastArchiveTimestamp, ConformanceAnalysis.Merge(earlier.Select(d => d.Range)));
        }
    }

    private void Enqueue(Func<Task> job)
    {
        if (Directory is not null)
        {
            _jobs.Writer.TryWrite(job);
        }
    }

    private async Task WriteLoopAsync()
    {
        await foreach (var job in _jobs.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            await job().ConfigureAwait(false);
        }
    }

    private async Task WriteAsync(ConformanceReport report)
    {
        var directory = Directory!;
        var stem = Path.Combine(directory, $"session-{report.SessionId}");
        try
        {
            System.IO.Directory.CreateDirectory(directory);

            // Written beside and renamed, so a reader never sees half a report.
            await WriteAtomicallyAsync(stem + ".json", JsonSerializer.Serialize(report, ControlJson.Indented) + "\n").ConfigureAwait(false);
            await WriteAtomicallyAsync(stem + ".txt", report.Summary).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            Log.ReportWriteFailed(_logger, report.SessionId, directory, failure.Message);
        }
    }

    private Task DeleteFiles(string pattern)
    {
        try
        {
            if (System.IO.Directory.Exists(Directory))
            {
                foreach (var file in System.IO.Directory.EnumerateFiles(Directory!, pattern))
                {
                    File.Delete(file);
                }
            }
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            Log.ReportWriteFailed(_logger, 0, Directory!, $"old reports not deleted: {failure.Message}");
        }

        return Task.CompletedTask;
    }

    private static async Task WriteAtomicallyAsync(string path, string text)
    {
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, text).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }
}

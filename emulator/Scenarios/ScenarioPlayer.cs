using System.Runtime.ExceptionServices;
using EStreamer.Emulator.Events;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Discovery;
using EStreamer.Scenarios;
using EStreamer.Scenarios.Loading;
using EStreamer.Scenarios.Model;

namespace EStreamer.Emulator.Scenarios;

/// <summary>
/// Plays a compiled scenario into the journal: events already due when the player starts (history: negative
/// offsets, or any offset when the plan started in the past) go in at once with their archive times in the past; later ones go in when
/// their time comes, all that are due on each tick, so a rate holds even when a tick is late. A tick runs in the clock's own timer
/// callback: on a fake clock it runs inside <c>Advance</c>, so what a step of the clock made due is in the journal when it returns.
/// </summary>
public sealed class ScenarioPlayer : IAsyncDisposable
{
    // Ticks come when the next event is due, but no sooner than Tick after the last (events due meanwhile go in
    // together) and no later than MaxWait (a wall clock set forward is caught up with). A finished plan stops ticking:
    // a timer that fired 100 times a second woke a thread-pool worker each time, which then spun on a free CPU.
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);

    // A large history goes in a thousand events at a time rather than through one list as long as itself. A batch's
    // records live until the journal has stored them, on another thread at start-up: batches of 4,096 outlived the
    // collector's youngest generation there, and the collections that promoted them cost more than the second thread saved.
    private const int AppendBatch = 1024;

    // The history (events due at start) from which start-up ends with a collection that returns memory to the system.
    private const int CompactAfterHistory = 100_000;

    private readonly ScenarioPlan _plan;
    private readonly EventJournal _journal;
    private readonly TimeProvider _time;
    private readonly Lock _playing = new();
    private readonly IEnumerator<PlannedEvent> _events;
    private readonly Dictionary<System.Net.IPAddress, string> _hostNames;

    // The last record about each host since the last append: its profile goes in with that append.
    private readonly Dictionary<System.Net.IPAddress, (IRecord Record, DiscoveryHeader Header)> _hostsSeen = [];
    private PlannedEvent? _next;
    private ITimer? _timer;
    private bool _stopped;
    private ExceptionDispatchInfo? _failure;
    private int _ticksWaiting;
    private long _played;

    public ScenarioPlayer(ScenarioPlan plan, EventJournal journal, TimeProvider? time = null)
    {
        _plan = plan;
        _journal = journal;
        _time = time ?? TimeProvider.System;
        _events = plan.Events.GetEnumerator();
        _hostNames = plan.Hosts.ToDictionary(h => h.Address, h => h.Name);
        _next = _events.MoveNext() ? _events.Current : null;
    }

    /// <summary>Events appended so far.</summary>
    public long Played => Interlocked.Read(ref _played);

    /// <summary>True once a finite scenario has played its last event.</summary>
    public bool Finished => _next is null;

    /// <summary>
    /// Makes the plan's hosts known (host data requests about any of them are answered from the start), appends
    /// what is due now (history included), then keeps playing in the background.
    /// </summary>
    public void Start()
    {
        _journal.AddHosts(ScenarioHosts.From(_plan));
        PlayHistory(Elapsed);
        if (Played >= CompactAfterHistory)
        {
            // Generating a large history leaves as much garbage as it holds, and the heap keeps the room it
            // grew into: one compacting collection gives that memory back before the server takes clients.
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }

        lock (_playing)
        {
            _timer = _time.CreateTimer(_ => OnTick(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            Arm();
        }
    }

    /// <summary>Stops playing (a tick still running finishes first); a failure of the play shows here.</summary>
    public async ValueTask DisposeAsync()
    {
        // Set first: a tick playing now plays nothing more after this play.
        Volatile.Write(ref _stopped, true);
        if (_timer is { } timer)
        {
            await timer.DisposeAsync().ConfigureAwait(false);
        }

        // A tick that runs on the thread moving a fake clock is not waited for by the timer's disposal.
        lock (_playing)
        {
            _events.Dispose();
        }

        _failure?.Throw();
    }

    private void OnTick()
    {
        // Ticks never overlap: one that comes while another plays (a late one on a busy machine) leaves it to play
        // once more, so a player that cannot keep up plays back to back instead of waiting for the next tick.
        if (Interlocked.Increment(ref _ticksWaiting) > 1)
        {
            return;
        }

        do
        {
            Volatile.Write(ref _ticksWaiting, 1);
            lock (_playing)
            {
                try
                {
                    if (!Volatile.Read(ref _stopped) && _next is not null)
                    {
                        PlayDue(Elapsed);
                        Arm();
                    }
                }
                catch (Exception failure)
                {
                    // Kept for DisposeAsync: thrown on a timer thread it would end the process.
                    _failure = ExceptionDispatchInfo.Capture(failure);
                    _stopped = true;
                }
            }
        }
        while (Interlocked.Decrement(ref _ticksWaiting) > 0);
    }

    /// <summary>Sets the one-shot timer for the next event's time (see <see cref="Tick"/>); a finished plan leaves it unset.</summary>
    private void Arm()
    {
        if (_next is not { } next || _timer is not { } timer || Volatile.Read(ref _stopped))
        {
            return;
        }

        var wait = next.Offset - Elapsed;
        try
        {
            timer.Change(wait < Tick ? Tick : wait > MaxWait ? MaxWait : wait, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposed by DisposeAsync between the check above and here: the player is stopping.
        }
    }

    /// <summary>Time since the plan's start on the wall clock: a plan that started in the past has that much history.</summary>
    private TimeSpan Elapsed => _time.GetUtcNow() - _plan.Start;

    /// <summary>
    /// Plays what is due at start: the journal encodes and stores each batch on another thread while this one
    /// generates the next, so a large history takes about as long as its generation alone on two cores.
    /// </summary>
    private void PlayHistory(TimeSpan elapsed)
    {
        using var failed = new CancellationTokenSource();
        using var ready = new System.Collections.Concurrent.BlockingCollection<Batch>(boundedCapacity: 2);
        var appender = Task.Run(() =>
        {
            try
            {
                foreach (var batch in ready.GetConsumingEnumerable())
                {
                    Append(batch);
                }
            }
            catch
            {
                // The generating side stops at its next batch instead of waiting for room that will not come.
                failed.Cancel();
                throw;
            }
        });

        try
        {
            PlayDue(elapsed, batch => ready.Add(batch, failed.Token));
        }
        catch (OperationCanceledException) when (failed.IsCancellationRequested)
        {
            // The appender's failure is the one to report (below).
        }
        finally
        {
            ready.CompleteAdding();
            appender.GetAwaiter().GetResult();
        }
    }

    private void PlayDue(TimeSpan elapsed) => PlayDue(elapsed, Append);

    /// <summary>Hands what is due to <paramref name="append"/> in batches of at most <see cref="AppendBatch"/> events, in order.</summary>
    private void PlayDue(TimeSpan elapsed, Action<Batch> append)
    {
        var events = new List<(uint, IRecord, IReadOnlyList<IRecord>)>(Math.Min(AppendBatch, 64));
        while (_next is { } planned && planned.Offset <= elapsed)
        {
            var archive = (uint)Math.Max(0, (_plan.Start + planned.Offset).ToUnixTimeSeconds());
            events.Add((archive, planned.Record, planned.Metadata));
            if (ScenarioHosts.HeaderOf(planned.Record) is { } header)
            {
                _hostsSeen[header.HostIp] = (planned.Record, header);
            }

            _next = _events.MoveNext() ? _events.Current : null;
            if (events.Count == AppendBatch)
            {
                append(TakeBatch(events));
                events = new List<(uint, IRecord, IReadOnlyList<IRecord>)>(AppendBatch);
            }
        }

        if (events.Count > 0 || _hostsSeen.Count > 0)
        {
            append(TakeBatch(events));
        }
    }

    /// <summary>The events gathered and the profiles of the hosts they last described; the hosts seen start afresh.</summary>
    private Batch TakeBatch(List<(uint, IRecord, IReadOnlyList<IRecord>)> events)
    {
        var hosts = _hostsSeen.Values.Select(seen => ScenarioHosts.From(seen.Record, seen.Header, _hostNames)).ToList();
        _hostsSeen.Clear();
        return new Batch(events, hosts);
    }

    private void Append(Batch batch)
    {
        if (batch.Hosts.Count > 0)
        {
            _journal.AddHosts(batch.Hosts);
        }

        if (batch.Events.Count > 0)
        {
            _journal.Append(batch.Events);
            Interlocked.Add(ref _played, batch.Events.Count);
        }
    }

    /// <summary>Events to append, and the hosts they describe (added first, so a host data request about them finds them).</summary>
    private sealed record Batch(List<(uint, IRecord, IReadOnlyList<IRecord>)> Events, List<HostProfile> Hosts);
}

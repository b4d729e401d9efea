using EStreamer.Emulator.Events;
using EStreamer.Protocol.Records;
using EStreamer.Scenarios;
using EStreamer.Scenarios.Loading;
using EStreamer.Scenarios.Model;

namespace EStreamer.Emulator.Scenarios;

/// <summary>
/// Plays a compiled scenario into the journal: events already due when the player starts (history: negative
/// offsets, or any offset when the plan started in the past) go in at once with their archive times in the past; later ones go in when
/// their time comes, all that are due on each tick, so a rate holds even when a tick is late.
/// </summary>
public sealed class ScenarioPlayer : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);

    private readonly ScenarioPlan _plan;
    private readonly EventJournal _journal;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly IEnumerator<PlannedEvent> _events;
    private readonly Dictionary<System.Net.IPAddress, string> _hostNames;
    private PlannedEvent? _next;
    private Task _loop = Task.CompletedTask;
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
        foreach (var host in ScenarioHosts.From(_plan))
        {
            _journal.AddHost(host);
        }

        PlayDue(Elapsed);
        _loop = Task.Run(RunAsync);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _events.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(Tick, _time);
        while (_next is not null && await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
        {
            PlayDue(Elapsed);
        }
    }

    /// <summary>Time since the plan's start on the wall clock: a plan that started in the past has that much history.</summary>
    private TimeSpan Elapsed => _time.GetUtcNow() - _plan.Start;

    private void PlayDue(TimeSpan elapsed)
    {
        var batch = new List<(uint, IRecord, IReadOnlyList<IRecord>)>();
        while (_next is { } planned && planned.Offset <= elapsed)
        {
            var archive = (uint)Math.Max(0, (_plan.Start + planned.Offset).ToUnixTimeSeconds());
            batch.Add((archive, planned.Record, planned.Metadata));
            foreach (var host in ScenarioHosts.From(planned.Record, _hostNames))
            {
                _journal.AddHost(host);
            }

            _next = _events.MoveNext() ? _events.Current : null;
        }

        if (batch.Count > 0)
        {
            _journal.Append(batch);
            Interlocked.Add(ref _played, batch.Count);
        }
    }
}

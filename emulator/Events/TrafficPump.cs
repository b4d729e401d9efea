namespace EStreamer.Emulator.Events;

/// <summary>
/// Feeds live traffic into the journal at a steady rate: on each tick it appends however many event
/// groups the elapsed time calls for, so the rate holds even when ticks are late.
/// </summary>
public sealed class TrafficPump : IAsyncDisposable
{
    private readonly EventJournal _journal;
    private readonly BuiltInTraffic _traffic;
    private readonly double _eventsPerSecond;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public TrafficPump(EventJournal journal, BuiltInTraffic traffic, double eventsPerSecond, TimeProvider? time = null)
    {
        _journal = journal;
        _traffic = traffic;
        _eventsPerSecond = eventsPerSecond;
        _time = time ?? TimeProvider.System;
        _loop = eventsPerSecond > 0 ? Task.Run(RunAsync) : Task.CompletedTask;
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

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var started = _time.GetTimestamp();
        long produced = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Clamp(1000 / _eventsPerSecond, 10, 1000)), _time);
        while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
        {
            var due = (long)(_time.GetElapsedTime(started).TotalSeconds * _eventsPerSecond);
            var now = (uint)_time.GetUtcNow().ToUnixTimeSeconds();
            while (produced < due)
            {
                _journal.Append(_traffic.Next(now).ToArray());
                produced++;
            }
        }
    }
}

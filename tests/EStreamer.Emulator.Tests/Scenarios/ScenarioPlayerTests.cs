using EStreamer.Emulator.Events;
using EStreamer.Emulator.Scenarios;
using EStreamer.Emulator.Server;
using Microsoft.Extensions.Time.Testing;

namespace EStreamer.Emulator.Tests.Scenarios;

/// <summary>
/// The player wakes when the next event is due, not on a fixed beat: live traffic goes in on time, and a plan with
/// nothing left to play sets no timer at all, so an idle server does no work. Run on a fake clock, whose timer
/// callbacks are counted.
/// </summary>
public sealed class ScenarioPlayerTests
{
    [Test]
    public async Task Live_events_go_in_when_due_with_one_wake_per_event_time()
    {
        var clock = new CountingClock(DateTimeOffset.UtcNow);
        var plan = TrafficHost.BuiltIn(new EmulatorOptions { Seed = 3, HistoryEvents = 0, EventsPerSecond = 2 }).Compile(clock.GetUtcNow());
        var journal = new EventJournal();
        var player = new ScenarioPlayer(plan, journal, clock);
        await using (player)
        {
            player.Start();
            var step = TimeSpan.FromMilliseconds(10);
            for (var elapsed = step; elapsed <= TimeSpan.FromSeconds(10); elapsed += step)
            {
                clock.Advance(step);

                // Everything due at least one minimal wait ago is in; nothing due later is.
                var due = plan.Events.TakeWhile(e => e.Offset <= elapsed).Count();
                var dueBefore = plan.Events.TakeWhile(e => e.Offset <= elapsed - step).Count();
                Assert.That(journal.Count, Is.InRange(dueBefore, due), $"at {elapsed}");
            }
        }

        // Two event times a second for ten seconds (an event and its companions share one): about 20 wakes, not
        // the 1,000 of a 10 ms beat.
        var eventTimes = plan.Events.TakeWhile(e => e.Offset <= TimeSpan.FromSeconds(10)).Select(e => e.Offset).Distinct().Count();
        Assert.That(eventTimes, Is.EqualTo(21));
        Assert.That(clock.Fired, Is.InRange(eventTimes - 1, eventTimes + 1));
    }

    [Test]
    public async Task A_plan_with_nothing_left_to_play_sets_no_timer()
    {
        var clock = new CountingClock(DateTimeOffset.UtcNow);
        var plan = TrafficHost.BuiltIn(new EmulatorOptions { Seed = 3, HistoryEvents = 50, EventsPerSecond = 0 }).Compile(clock.GetUtcNow());
        var journal = new EventJournal();
        var player = new ScenarioPlayer(plan, journal, clock);
        await using (player)
        {
            player.Start();
            Assert.That(player.Finished, Is.True);
            Assert.That(player.Played, Is.GreaterThanOrEqualTo(50));
            clock.Advance(TimeSpan.FromMinutes(5));
        }

        Assert.That(clock.Fired, Is.Zero);
    }

    /// <summary>A fake clock that counts the timer callbacks it runs.</summary>
    private sealed class CountingClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private int _fired;

        public int Fired => Volatile.Read(ref _fired);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            base.CreateTimer(s => { Interlocked.Increment(ref _fired); callback(s); }, state, dueTime, period);
    }
}

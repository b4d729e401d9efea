using System.Diagnostics;
using System.Globalization;
using EStreamer.Emulator.Events;
using EStreamer.Emulator.Scenarios;
using EStreamer.Scenarios;

namespace EStreamer.Emulator.Cli;

/// <summary>
/// `bench rate`: measures how closely scenario traffic holds its rate. For each rate, a one-block scenario
/// is played into a journal for the given time and the events that arrived are counted; the table shows
/// achieved events/s and the deviation. It runs where the emulator runs, so users measure their machine.
/// </summary>
public static class BenchCommand
{
    private static readonly double[] DefaultRates = [1, 10, 100, 1_000, 10_000, 100_000];

    public static async Task<int> RunAsync(CommandLine line)
    {
        if (line.Positionals.Count != 2 || line.Positionals[1] != "rate")
        {
            throw new UsageException("usage: bench rate [--seconds N] [--rates LIST]");
        }

        var seconds = line.GetDouble("seconds", 1, 3600) ?? 10;
        var rates = line.Get("rates") is { } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseRate).ToArray()
            : DefaultRates;
        line.RejectUnknown();

        Console.Out.WriteLine($"bench rate: scenario traffic played into the journal for {seconds:0.#} s per rate");
        Console.Out.WriteLine("   target/s     events   achieved/s   deviation");
        var worst = 0.0;
        foreach (var rate in rates)
        {
            var (events, elapsed) = await MeasureAsync(rate, TimeSpan.FromSeconds(seconds)).ConfigureAwait(false);
            // The first event is due at t = 0, so a window of T seconds holds rate × T + 1 events.
            var achieved = (events - 1) / elapsed.TotalSeconds;
            var deviation = (achieved - rate) / rate;
            worst = Math.Max(worst, Math.Abs(deviation));
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rate,11:0.###} {events,10} {achieved,12:0.##} {deviation,10:+0.00%;-0.00%}"));
        }

        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"worst deviation: {worst:0.00%}"));
        return 0;
    }

    /// <summary>Plays one traffic block at <paramref name="rate"/> for <paramref name="span"/> and counts what reached the journal.</summary>
    public static async Task<(long Events, TimeSpan Elapsed)> MeasureAsync(double rate, TimeSpan span)
    {
        var yaml = string.Create(CultureInfo.InvariantCulture, $"""
            name: bench
            seed: 1
            traffic:
              - name: measured
                families: [connection, intrusion, file]
                rate: {rate}
                duration: forever
                packets: false
            """);
        var scenario = ScenarioLoader.LoadText(yaml, "bench.yaml");
        var journal = new EventJournal(capacity: 50_000);

        // The player counts what it appended; the window is measured on a stopwatch around it.
        var start = DateTimeOffset.UtcNow;
        var player = new ScenarioPlayer(scenario.Compile(start), journal);
        var watch = Stopwatch.StartNew();
        player.Start();
        await Task.Delay(span).ConfigureAwait(false);
        var played = player.Played;
        var elapsed = watch.Elapsed;
        await player.DisposeAsync().ConfigureAwait(false);
        return (played, elapsed);
    }

    private static double ParseRate(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate > 0
            ? rate
            : throw new UsageException($"--rates takes positive numbers, not '{text}'");
}

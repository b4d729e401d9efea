using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using EStreamer.Emulator.Events;
using EStreamer.Emulator.Scenarios;
using EStreamer.Scenarios;

namespace EStreamer.Emulator.Cli;

/// <summary>
/// `bench throughput`, `bench sessions` and `bench history` (cli/Bench) measure the server itself; see docs/performance.md.
/// `bench rate`: measures how closely scenario traffic holds its rate. For each rate, a one-block scenario
/// is played into a journal for the given time and the events that arrived are counted; the table shows
/// achieved events/s and the deviation. It runs where the emulator runs, so users measure their machine.
/// </summary>
public static class BenchCommand
{
    private static readonly double[] DefaultRates = [1, 10, 100, 1_000, 10_000, 100_000];

    public static Command Create(CommandContext context)
    {
        var seconds = CommandContext.Option("seconds", "N", "how long each rate is measured (default 10)");
        var rates = CommandContext.Option("rates", "LIST", "comma-separated target rates in events/s (default 1 to 100,000)");
        var rate = new Command("rate", "measure how closely scenario traffic holds its rate (default 10 s each at 1 to 100,000 events/s)") { seconds, rates };
        rate.SetAction(parse => RunAsync(
            context.Output,
            OptionsBinder.Flag("seconds", parse.GetValue(seconds), text => OptionsBinder.Number(text, 1, 3600)) ?? 10,
            parse.GetValue(rates) is { } list ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseRate).ToArray() : DefaultRates));

        var records = CommandContext.Option("records", "N", "records streamed per run, shared by the clients (default 1,000,000)");
        var clients = CommandContext.Option("clients", "LIST", "comma-separated client counts (default 1,4,16)");
        var compare = CommandContext.Option("compare", "LIST", "';'-separated serve options to measure instead of the defaults and the best documented ones, e.g. \"--window 1;--window 4\"");
        var clientCommand = CommandContext.Option(
            "client-command",
            "COMMAND",
            "also measure a client program of your own, K copies at once after the bench's clients: /bin/sh -c runs it with {host} {port} {cert} {key} (PEM files) {records} filled in, and its last line must be 'records=N bytes=M seconds=S'");
        var throughput = new Command("throughput", "records/s, MB/s and server CPU per record for K eNcore-like clients, against raw TLS on loopback") { records, clients, compare, clientCommand };
        throughput.SetAction(parse => Bench.ThroughputBench.RunAsync(
            context.Output,
            OptionsBinder.Flag("records", parse.GetValue(records), text => OptionsBinder.Whole(text, 1_000, 10_000_000)) ?? 1_000_000,
            parse.GetValue(clients) is { } list ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseClients).ToArray() : [1, 4, 16],
            parse.GetValue(compare) is { } sets ? sets.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(set => (set, set.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToArray() : null,
            parse.GetValue(clientCommand)));

        var count = CommandContext.Option("count", "N", "idle sessions to open (default 10,000; raise the file limit with ulimit -n first)");
        var keepalive = CommandContext.Option("keepalive", "SECONDS", "the server's keep-alive interval (default 5)");
        var sessions = new Command("sessions", "server memory per idle session with keep-alives") { count, keepalive };
        sessions.SetAction(parse => Bench.ScaleBench.SessionsAsync(
            context.Output,
            OptionsBinder.Flag("count", parse.GetValue(count), text => OptionsBinder.Whole(text, 1, 100_000)) ?? 10_000,
            OptionsBinder.Flag("keepalive", parse.GetValue(keepalive), text => OptionsBinder.Number(text, 0.5, 60)) ?? 5));

        var events = CommandContext.Option("events", "N", "history events (default 1,000,000)");
        var history = new Command("history", "time to ready and to the first record, and memory, with a large history") { events };
        history.SetAction(parse => Bench.ScaleBench.HistoryAsync(
            context.Output,
            OptionsBinder.Flag("events", parse.GetValue(events), text => OptionsBinder.Whole(text, 1, 10_000_000)) ?? 1_000_000));

        return new Command("bench", "measurements of this machine") { rate, throughput, sessions, history };
    }

    public static async Task<int> RunAsync(TextWriter output, double seconds, IReadOnlyList<double> rates)
    {
        output.WriteLine($"bench rate: scenario traffic played into the journal for {seconds:0.#} s per rate");
        output.WriteLine("   target/s     events   achieved/s   deviation");
        var worst = 0.0;
        foreach (var rate in rates)
        {
            var (events, elapsed) = await MeasureAsync(rate, TimeSpan.FromSeconds(seconds)).ConfigureAwait(false);
            // The first event is due at t = 0, so a window of T seconds holds rate × T + 1 events.
            var achieved = (events - 1) / elapsed.TotalSeconds;
            var deviation = (achieved - rate) / rate;
            worst = Math.Max(worst, Math.Abs(deviation));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rate,11:0.###} {events,10} {achieved,12:0.##} {deviation,10:+0.00%;-0.00%}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"worst deviation: {worst:0.00%}"));
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

    private static int ParseClients(string text) =>
        OptionsBinder.Flag("clients", text, t => OptionsBinder.Whole(t, 1, 256))!.Value;

    private static double ParseRate(string text) =>
        OptionsBinder.Flag("rates", text, t => OptionsBinder.Number(t, 0.001, 10_000_000))!.Value;
}

using System.Diagnostics;
using System.Globalization;
using EStreamer.Client;
using EStreamer.Protocol.Messages;

namespace EStreamer.Emulator.Cli.Bench;

/// <summary>
/// `bench sessions` and `bench history`: what many idle sessions and a large history cost the server, measured
/// on a `serve` child process on 127.0.0.1 (resident memory from /proc, times from the process start).
/// </summary>
internal static class ScaleBench
{
    /// <summary>Opens up to <paramref name="count"/> sessions that ask only for new events, lets keep-alives run, and reports memory per session.</summary>
    public static async Task<int> SessionsAsync(TextWriter output, int count, double keepaliveSeconds)
    {
        output.WriteLine(Invariant($"bench sessions: {count} idle sessions, keep-alive every {keepaliveSeconds:0.#} s; load average {ThroughputBench.LoadAverage()}"));
        await using var server = await BenchServer.StartAsync(
            ["--rate", "0", "--history", "0", "--keepalive", keepaliveSeconds.ToString(CultureInfo.InvariantCulture), "--max-connections", (count + 10).ToString(CultureInfo.InvariantCulture)]).ConfigureAwait(false);
        using var certificate = server.Client.Load();
        var before = server.ResidentBytes();
        var clients = new List<EStreamerClient>(count);
        string? stoppedBy = null;
        var watch = Stopwatch.StartNew();
        try
        {
            // In batches, so the server's accept queue and the handshakes keep pace.
            for (var opened = 0; opened < count && stoppedBy is null; opened += 100)
            {
                var batch = Enumerable.Range(0, Math.Min(100, count - opened)).Select(_ => OpenIdleAsync(server, certificate)).ToArray();
                try
                {
                    await Task.WhenAll(batch).ConfigureAwait(false);
                }
                catch (Exception failure) when (failure is EStreamerClientException or IOException or System.Net.Sockets.SocketException)
                {
                    stoppedBy = failure.Message;
                }

                clients.AddRange(batch.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            }

            var openedIn = watch.Elapsed;

            // Two keep-alive periods, so every session has written Nulls before memory is read.
            await Task.Delay(TimeSpan.FromSeconds(keepaliveSeconds * 2 + 1)).ConfigureAwait(false);
            var after = server.ResidentBytes();
            output.WriteLine(Invariant($"sessions open:        {clients.Count} (opened in {openedIn.TotalSeconds:0.0} s){(stoppedBy is null ? string.Empty : $"; stopped by: {stoppedBy}")}"));
            output.WriteLine(Invariant($"server RSS:           {before / 1e6:0.0} MB before, {after / 1e6:0.0} MB with the sessions open"));
            output.WriteLine(Invariant($"memory per session:   {(after - before) / 1024.0 / Math.Max(1, clients.Count):0.0} KB"));
            return stoppedBy is null ? 0 : 1;
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Starts the server with <paramref name="events"/> history events and with none; reports generation time, memory and first delivery.</summary>
    public static async Task<int> HistoryAsync(TextWriter output, int events)
    {
        output.WriteLine(Invariant($"bench history: {events} built-in history events; load average {ThroughputBench.LoadAverage()}; build: {BuildKind.Describe()}"));
        output.WriteLine("history events   ready after s   first record after s   server RSS MB");
        foreach (var size in (int[])[0, events])
        {
            var capacity = Math.Max(1, size).ToString(CultureInfo.InvariantCulture);
            await using var server = await BenchServer.StartAsync(
                ["--rate", "0", "--history", size.ToString(CultureInfo.InvariantCulture), "--journal-capacity", capacity]).ConfigureAwait(false);
            var ready = server.Ready;
            var rss = server.ResidentBytes();
            string first = "-";
            if (size > 0)
            {
                using var certificate = server.Client.Load();
                await using var client = await EStreamerClient.ConnectAsync(server.ClientOptions(certificate)).ConfigureAwait(false);
                await client.OpenStreamAsync(StreamRequest.Encore52(0)).ConfigureAwait(false);
                while (await client.ReceiveFrameAsync().ConfigureAwait(false) is { } frame && ThroughputBench.RecordsIn(frame.Type, frame.Bytes.AsSpan(MessageHeader.Size)) == 0)
                {
                    // Streaming Information and keep-alives come before the first record.
                }

                first = Invariant($"{server.SinceStart.Elapsed.TotalSeconds:0.00}");
            }

            output.WriteLine(Invariant($"{size,14} {ready.TotalSeconds,15:0.00} {first,22} {rss / 1e6,15:0}"));
        }

        output.WriteLine("generation time = ready with the history - ready with none; the RSS is read once the server is ready");
        return 0;
    }

    private static async Task<EStreamerClient> OpenIdleAsync(BenchServer server, ClientCertificateBundle certificate)
    {
        var client = await EStreamerClient.ConnectAsync(server.ClientOptions(certificate)).ConfigureAwait(false);
        try
        {
            await client.OpenStreamAsync(StreamRequest.Encore52(0xFFFFFFFF)).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

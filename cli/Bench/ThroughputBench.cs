using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using EStreamer.Client;
using EStreamer.Emulator.Server;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Messages;

namespace EStreamer.Emulator.Cli.Bench;

/// <summary>
/// `bench throughput`: K eNcore-like clients (TLS 1.2, the eNcore request, one Null per message) stream the
/// built-in history from a `serve` child process, with the default options and with the best documented
/// ones; each result is set against raw TLS over loopback measured in the same run.
/// </summary>
internal static class ThroughputBench
{
    /// <summary>Silence that ends a run as a failure: a streaming server sends something every few milliseconds.</summary>
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(15);

    /// <summary>What a client reads into at once: several TLS records, and more than the largest bundle of 1,000 built-in events.</summary>
    private const int ReadBufferBytes = 1 << 20;

    /// <summary>The Null a client sends for every message, as eNcore does.</summary>
    private static readonly byte[] NullBytes = MessageCodec.Encode(NullMessage.Instance);

    /// <summary>
    /// Records one client streams from each server before its measured runs. The runtime tiers the server's code
    /// up over the first million or so records on two cores; a shorter warm-up measured the compiler as much as
    /// the server (four clients right after 100,000 records streamed at half the rate they reach later).
    /// </summary>
    private const long WarmUpRecords = 1_000_000;

    /// <summary>Records the clients of an unmeasured run stream before each measured run with as many clients.</summary>
    private const long PreRunRecords = 100_000;

    /// <summary>The options compared: the defaults, and the largest bundles with a wider window.</summary>
    public static readonly IReadOnlyList<(string Name, string[] Arguments)> Settings =
    [
        ("defaults", []),
        ("bundle 1000, window 8", ["--bundle-events", "1000", "--window", "8"]),
    ];

    /// <summary>
    /// Measures each of <paramref name="settings"/> (null: <see cref="Settings"/>) with every client count and, given a
    /// <paramref name="clientCommand"/>, that client program beside the bench's own clients (<see cref="ExternalClients"/>).
    /// </summary>
    public static async Task<int> RunAsync(TextWriter output, long records, IReadOnlyList<int> clientCounts, IReadOnlyList<(string Name, string[] Arguments)>? settings = null, string? clientCommand = null)
    {
        // A short run (a smoke test of the bench) gets a shorter warm-up.
        var warmUp = Math.Min(WarmUpRecords, 10 * records);
        output.WriteLine(Invariant($"bench throughput: {records} records per run over TLS 1.2 on 127.0.0.1, each server warmed up with {warmUp} and each run preceded by an unmeasured one of {Math.Min(records, PreRunRecords)} with as many clients; raw TLS ceiling before each run: {CeilingMeter.Describe()}; load average {LoadAverage()}; {Environment.ProcessorCount} CPUs; build: {BuildKind.Describe()}"));
        await using var ceiling = CeilingMeter.Create();
        await ceiling.WarmUpAsync(clientCounts[0]).ConfigureAwait(false);

        // The clients' CPU is this process's over the measured window (nothing else runs in it then): on a machine with
        // few cores, what the clients take is not there for the server. The ceiling of each row is measured right
        // before its run: raw TLS on a shared machine moves by a quarter within a minute, so one ceiling for the
        // whole bench set early runs against a later machine.
        output.WriteLine("options                  K    records  records/s     MB/s  of ceiling  server CPU s per 1M records (= µs/record)  server RSS MB  clients' CPU µs/record  raw TLS ceiling MB/s");

        // A history event is not always a record of the families the eNcore request names, so the server holds a
        // quarter more events than a run reads: a client never waits at the end of the history for records that will not come.
        var history = (Math.Max(records, warmUp) + (Math.Max(records, warmUp) / 4) + 1_000).ToString(CultureInfo.InvariantCulture);
        foreach (var (name, arguments) in settings ?? Settings)
        {
            await using var server = await BenchServer.StartAsync(
                ["--rate", "0", "--history", history, "--journal-capacity", history, .. arguments]).ConfigureAwait(false);
            using var certificate = server.Client.Load();
            using var external = clientCommand is null ? null : ExternalClients.Prepare(clientCommand, certificate);

            // Unmeasured: the server's code is compiled and tiered up, as it is in a server that has streamed a while;
            // before each measured run, the code its clients make the server run (several clients share encodings).
            await RunClientsAsync(server, certificate, 1, warmUp).ConfigureAwait(false);
            foreach (var k in clientCounts)
            {
                await RunClientsAsync(server, certificate, k, Math.Min(records, PreRunRecords) / k).ConfigureAwait(false);
                var raw = await ceiling.MeasureAsync(k).ConfigureAwait(false);
                var result = await RunClientsAsync(server, certificate, k, records / k).ConfigureAwait(false);
                output.WriteLine(Row(name, k, result, raw, server));
                if (external is not null)
                {
                    raw = await ceiling.MeasureAsync(k).ConfigureAwait(false);
                    output.WriteLine(Row("  the client command", k, await external.RunAsync(server, k, records / k).ConfigureAwait(false), raw, server));
                }
            }
        }

        output.WriteLine(Invariant($"load average after: {LoadAverage()}"));
        return 0;
    }

    /// <summary>
    /// Records in one message, from its type and body (the bytes after the 8-byte header): an Event Data message
    /// holds one, a bundle one per item (events and their metadata), any other message none.
    /// </summary>
    public static int RecordsIn(MessageType type, ReadOnlySpan<byte> body)
    {
        if (type == MessageType.EventData)
        {
            return 1;
        }

        if (type != MessageType.MessageBundle)
        {
            return 0;
        }

        // After the bundle's connection ID and sequence number, items of a 4-byte type and a 4-byte length.
        var count = 0;
        for (var offset = 8; offset + 8 <= body.Length; offset += 8 + (int)BinaryPrimitives.ReadUInt32BigEndian(body[(offset + 4)..]))
        {
            count++;
        }

        return count;
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static async Task<ClientRun> RunClientsAsync(BenchServer server, ClientCertificateBundle certificate, int clients, long recordsEach)
    {
        // Connect every client first, so the handshakes are not part of the measured window.
        var connected = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => EStreamerClient.ConnectAsync(server.ClientOptions(certificate)))).ConfigureAwait(false);
        try
        {
            using var self = Process.GetCurrentProcess();
            var cpuBefore = server.CpuSeconds();
            var clientCpuBefore = self.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var counts = await Task.WhenAll(connected.Select(c => StreamAsync(c, recordsEach))).ConfigureAwait(false);
            var seconds = watch.Elapsed.TotalSeconds;
            var cpu = server.CpuSeconds() - cpuBefore;
            self.Refresh();
            var clientCpu = (self.TotalProcessorTime - clientCpuBefore).TotalSeconds;
            return new ClientRun(counts.Sum(c => c.Records), counts.Sum(c => c.Bytes), seconds, cpu, clientCpu);
        }
        finally
        {
            foreach (var client in connected)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Opens the stream as eNcore does, then reads the TLS stream in large chunks and walks the messages in place,
    /// with one Null for every message, until the client has <paramref name="target"/> records. Reading each
    /// message into an array of its own took about 1 µs of CPU per record, half of what the server spent, and a
    /// minimal C client on OpenSSL drew 15–50 % more from the same server (docs/performance.md).
    /// </summary>
    private static async Task<(long Records, long Bytes)> StreamAsync(EStreamerClient client, long target)
    {
        await client.OpenStreamAsync(StreamRequest.Encore52(0)).ConfigureAwait(false);

        // eNcore's Null after its Streaming Request (reference 7.1); the messages after it are read below.
        await client.AcknowledgeAsync().ConfigureAwait(false);
        var buffer = new byte[ReadBufferBytes];
        int filled = 0;
        long records = 0, bytes = 0;
        try
        {
            while (records < target)
            {
                var offset = 0;
                while (filled - offset >= MessageHeader.Size)
                {
                    MessageHeader header;
                    try
                    {
                        header = MessageHeader.Read(buffer.AsSpan(offset, MessageHeader.Size), ReadBufferBytes - MessageHeader.Size);
                    }
                    catch (ProtocolException unreadable)
                    {
                        throw new InvalidOperationException(Invariant($"a client received {records} records, then a header it cannot read: {unreadable.Message}"), unreadable);
                    }

                    var type = header.Type;
                    var size = MessageHeader.Size + (long)header.Length;

                    if (filled - offset < size)
                    {
                        break;
                    }

                    if (type == MessageType.Error)
                    {
                        throw new InvalidOperationException(Invariant($"a client received {records} records, then an Error message: {Convert.ToHexString(buffer, offset, (int)size)}"));
                    }

                    records += RecordsIn(type, buffer.AsSpan(offset + MessageHeader.Size, (int)size - MessageHeader.Size));
                    bytes += size;
                    offset += (int)size;
                    await client.SendRawAsync(NullBytes).ConfigureAwait(false);
                }

                // A message not yet whole moves to the front only once a message before it has been taken: a bundle of
                // 1,000 records arrives over two dozen reads, and moving it after each would copy it that often.
                if (offset > 0)
                {
                    buffer.AsSpan(offset, filled - offset).CopyTo(buffer);
                    filled -= offset;
                }

                if (records >= target)
                {
                    break;
                }

                var read = await client.ReceiveRawAsync(buffer.AsMemory(filled), StallLimit).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new InvalidOperationException(Invariant($"a client received {records} of its {target} records, then the server closed the connection"));
                }

                filled += read;
            }
        }
        catch (EStreamerClientException failure) when (failure.Failure == EStreamerClientFailure.Timeout)
        {
            throw new InvalidOperationException(Invariant($"a client received {records} of its {target} records, then nothing for {StallLimit.TotalSeconds:0} s: {failure.Message}"), failure);
        }

        return (records, bytes);
    }

    private static string Row(string name, int clients, ClientRun result, Ceiling raw, BenchServer server)
    {
        var bytesPerSecond = result.Bytes / result.Seconds;
        return Invariant(
            $"{name,-22} {clients,3} {result.Records,10} {result.Records / result.Seconds,10:0} {bytesPerSecond / 1e6,8:0.0} {bytesPerSecond / raw.Median,10:0.0%} {result.ServerCpu / result.Records * 1e6,39:0.00} {server.ResidentBytes() / 1e6,14:0} {result.ClientCpu / result.Records * 1e6,23:0.00}  {raw}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

}

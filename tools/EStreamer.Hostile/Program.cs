using System.Diagnostics;
using System.Security.Cryptography;
using EStreamer.Client;
using EStreamer.Hostile;
using EStreamer.Protocol.Messages;

// The hostile suite: `estreamer-hostile [--long] [--seed N] [--cli PATH]`. Starts the built `serve` on
// 127.0.0.1, streams a seeded stream with a good client alone, then beside hostile connections and control
// API abuse, then fuzzes mutated frames; prints a summary and exits 1 when any check failed.
var arguments = args.ToList();
var longRun = arguments.Remove("--long");
var seed = Option("--seed", "8302");
var cli = Option("--cli", Path.Combine(RepositoryRoot(), "cli", "bin", "Release", "net10.0", "estreamer-emulator.dll"));
var (connections, frames) = longRun ? (200, 20_000) : (50, 5_000);
const int Records = 300;

var clock = Stopwatch.StartNew();
var checks = new Checks();
Console.WriteLine($"hostile suite: seed {seed}, {connections} hostile connections, {frames} mutated frames, server {cli}");
await using var server = await ServerProcess.StartAsync(cli, int.Parse(seed, System.Globalization.CultureInfo.InvariantCulture), history: 500);
using var control = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.ControlPort}/"), Timeout = TimeSpan.FromSeconds(60) };
using var bundle = ClientCertificateBundle.Load(server.PeerFile, ServerProcess.PeerPassword);
var wire = new Wire(server.Port);

if (!await HealthyAsync(TimeSpan.FromSeconds(30)))
{
    Console.WriteLine(server.Output);
    checks.Check("server: starts and answers /healthz", false, "no answer within 30 s");
    return Finish();
}

Console.WriteLine($"server up after {clock.Elapsed.TotalSeconds:F1} s");
var quiet = await GoodStreamAsync();
checks.Check("good client: quiet run", quiet.Count == Records, $"{quiet.Count} records, sha256 {quiet.Hash}");
var baseline = server.Resources();

// Hostile phase: the good client streams while every hostile kind runs and /healthz is polled throughout.
using (var phase = new CancellationTokenSource())
{
    var health = MonitorHealthAsync(phase.Token);
    var hostile = new Hostiles(wire, bundle.Certificate, control, checks).RunAsync(connections, int.Parse(seed, System.Globalization.CultureInfo.InvariantCulture));
    var beside = await GoodStreamAsync();
    await hostile;
    checks.Check("good client: same records beside hostile connections", beside == quiet, $"{beside.Count} records, sha256 {beside.Hash}");
    await phase.CancelAsync();
    var (polls, misses) = await health;
    checks.Check("server: /healthz answered throughout the hostile phase", misses == 0, $"{polls} polls, {misses} unanswered");
}


Console.WriteLine($"hostile phase done after {clock.Elapsed.TotalSeconds:F1} s");
await new Fuzzer(wire, bundle.Certificate, checks).RunAsync(frames, int.Parse(seed, System.Globalization.CultureInfo.InvariantCulture), parallel: 24);
Console.WriteLine($"fuzzing done after {clock.Elapsed.TotalSeconds:F1} s");

var after = await GoodStreamAsync();
checks.Check("good client: same records after fuzzing", after == quiet, $"{after.Count} records, sha256 {after.Hash}");
checks.Check("server: still running", !server.Exited && await HealthyAsync(TimeSpan.FromSeconds(10)), server.Exited ? "the process exited" : "/healthz answers");
if (!server.Exited)
{
    var settled = await SettledAsync(baseline);
    checks.Check("server: descriptors back near the baseline", settled.Descriptors <= baseline.Descriptors + 16, $"{baseline.Descriptors} before, {settled.Descriptors} after");
    checks.Check("server: memory back near the baseline", settled.RssKiB <= Math.Max(baseline.RssKiB * 2, baseline.RssKiB + 200_000), $"{baseline.RssKiB / 1024} MiB before, {settled.RssKiB / 1024} MiB after");
}

// Retention: whatever the number of sessions, the reports folder holds at most two files per kept report (1024 by default).
var reportFiles = Directory.Exists(Path.Combine(server.Directory, "reports")) ? Directory.GetFiles(Path.Combine(server.Directory, "reports")).Length : 0;
checks.Check("server: conformance reports pruned", reportFiles <= 2 * 1024 + 2, $"{reportFiles} files in reports/ after {frames + connections + 3} sessions");

var output = server.Output;
checks.Check("server: no leak or crash reported", !output.Contains("LEAK", StringComparison.Ordinal) && !output.Contains("Unhandled exception", StringComparison.Ordinal) && !output.Contains("Stack overflow", StringComparison.Ordinal), "server output scanned for LEAK, Unhandled exception, Stack overflow");
// `serve` prints the peer's password once at start for its operator; nothing hostile input causes may repeat it.
var secrets = output.Split('\n').Count(l => l.Contains(ServerProcess.PeerPassword, StringComparison.Ordinal) && !l.StartsWith("password:", StringComparison.Ordinal));
checks.Check("server: no secret in its log", secrets == 0 && !output.Contains("PRIVATE KEY", StringComparison.Ordinal), $"{secrets} log lines with the PKCS#12 password besides the start banner");
return Finish();

int Finish()
{
    checks.Print(Console.Out);
    Console.WriteLine($"hostile suite {(checks.AllPassed ? "passed" : "FAILED")} in {clock.Elapsed.TotalSeconds:F1} s");
    return checks.AllPassed ? 0 : 1;
}

// The first Records records from the oldest event, hashed as Event Data messages.
async Task<GoodRun> GoodStreamAsync()
{
    try
    {
        await using var client = await EStreamerClient.ConnectAsync(new EStreamerClientOptions
        {
            Host = "127.0.0.1",
            Port = server.Port,
            ClientCertificate = bundle.Certificate,
            ServerAuthorities = bundle.Authorities,
            ReadTimeout = TimeSpan.FromSeconds(30),
        });
        await client.OpenStreamAsync(StreamRequest.Encore52(0));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var count = 0;
        await foreach (var record in client.ReadRecordsAsync())
        {
            hash.AppendData(MessageCodec.Encode(new EventDataMessage(record.Data)));
            if (++count == Records)
            {
                break;
            }
        }

        return new GoodRun(count, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
    catch (EStreamerClientException failure)
    {
        return new GoodRun(-1, $"failed: {failure.Message}");
    }
}

async Task<bool> HealthyAsync(TimeSpan within)
{
    var deadline = DateTime.UtcNow + within;
    while (DateTime.UtcNow < deadline && !server.Exited)
    {
        try
        {
            using var response = await control.GetAsync("/healthz");
            if (response.IsSuccessStatusCode)
            {
                return true;
            }
        }
        catch (HttpRequestException)
        {
        }

        await Task.Delay(100);
    }

    return false;
}

async Task<(int Polls, int Misses)> MonitorHealthAsync(CancellationToken stop)
{
    var (polls, misses) = (0, 0);
    using var health = new HttpClient { BaseAddress = control.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
    while (!stop.IsCancellationRequested)
    {
        polls++;
        try
        {
            using var response = await health.GetAsync("/healthz", CancellationToken.None);
            misses += response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException)
        {
            misses++;
        }

        await Task.Delay(200, CancellationToken.None);
    }

    return (polls, misses);
}

// Closed sessions release their sockets and buffers a little after the close: wait (bounded) for the numbers to settle.
async Task<(long RssKiB, int Descriptors)> SettledAsync((long RssKiB, int Descriptors) before)
{
    var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
    var now = server.Resources();
    while (DateTime.UtcNow < deadline && now.Descriptors > before.Descriptors + 16)
    {
        await Task.Delay(250);
        now = server.Resources();
    }

    return now;
}

string Option(string name, string fallback)
{
    var at = arguments.IndexOf(name);
    return at >= 0 && at + 1 < arguments.Count ? arguments[at + 1] : fallback;
}

static string RepositoryRoot()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EStreamerEmulator.sln")))
    {
        directory = directory.Parent;
    }

    return directory?.FullName ?? Directory.GetCurrentDirectory();
}

internal sealed record GoodRun(int Count, string Hash);

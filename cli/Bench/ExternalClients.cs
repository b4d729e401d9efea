using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using EStreamer.Client;

namespace EStreamer.Emulator.Cli.Bench;

/// <summary>
/// `bench throughput --client-command`: a client program that is not part of this repository, run K times at once
/// against the same server, right after the bench's own clients and against a ceiling measured right before it, so
/// that its ratio and the bench's come from the same run. The command is run by <c>/bin/sh -c</c> after
/// <c>{host}</c>, <c>{port}</c>, <c>{cert}</c>, <c>{key}</c> (the client certificate and its private key, PEM files)
/// and <c>{records}</c> (records for that client) are filled in; its last line of output must be
/// <c>records=N bytes=M seconds=S</c>: the records and message bytes it received and the seconds it streamed.
/// </summary>
internal sealed partial class ExternalClients : IDisposable
{
    private readonly string _template;
    private readonly string _directory;
    private readonly string _certificate;
    private readonly string _key;

    private ExternalClients(string template, string directory)
    {
        _template = template;
        _directory = directory;
        _certificate = Path.Combine(directory, "client.crt");
        _key = Path.Combine(directory, "client.key");
    }

    /// <summary>Writes the client's certificate and key where the command can read them (a folder of its own, readable by this user only).</summary>
    public static ExternalClients Prepare(string template, ClientCertificateBundle client)
    {
        var directory = BenchServer.NewFolderPath("estreamer-bench-client");
        Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var clients = new ExternalClients(template, directory);
        File.WriteAllText(clients._certificate, client.Certificate.ExportCertificatePem());
        using var key = client.Certificate.GetRSAPrivateKey() ?? throw new InvalidOperationException("the client certificate has no RSA private key");
        File.WriteAllText(clients._key, key.ExportPkcs8PrivateKeyPem());
        return clients;
    }

    /// <summary>Runs <paramref name="clients"/> copies of the command, each for <paramref name="recordsEach"/> records.</summary>
    public async Task<ClientRun> RunAsync(BenchServer server, int clients, long recordsEach)
    {
        var command = _template
            .Replace("{host}", "127.0.0.1", StringComparison.Ordinal)
            .Replace("{port}", server.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{cert}", _certificate, StringComparison.Ordinal)
            .Replace("{key}", _key, StringComparison.Ordinal)
            .Replace("{records}", recordsEach.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var childCpuBefore = ReapedChildrenCpuSeconds();
        var cpuBefore = server.CpuSeconds();
        var reports = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => RunOneAsync(command))).ConfigureAwait(false);
        var serverCpu = server.CpuSeconds() - cpuBefore;

        // The clients ran side by side: the run lasted as long as the slowest one streamed.
        return new ClientRun(
            reports.Sum(r => r.Records),
            reports.Sum(r => r.Bytes),
            reports.Max(r => r.Seconds),
            serverCpu,
            ReapedChildrenCpuSeconds() - childCpuBefore);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<(long Records, long Bytes, double Seconds)> RunOneAsync(string command)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start the client command: {command}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        var lines = (await output.ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (process.ExitCode != 0 || lines.Length == 0 || Report().Match(lines[^1]) is not { Success: true } report)
        {
            var said = (await error.ConfigureAwait(false)).Trim();
            throw new InvalidOperationException(
                $"the client command exited with code {process.ExitCode} without a last line 'records=N bytes=M seconds=S' ({command}): {(said.Length > 0 ? said : lines.LastOrDefault() ?? "no output")}");
        }

        return (
            long.Parse(report.Groups[1].Value, CultureInfo.InvariantCulture),
            long.Parse(report.Groups[2].Value, CultureInfo.InvariantCulture),
            double.Parse(report.Groups[3].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>User plus system CPU seconds of this process's children that have ended (/proc/self/stat cutime and cstime).</summary>
    private static double ReapedChildrenCpuSeconds() => BenchServer.StatCpuSeconds("/proc/self/stat", userField: 13);

    [GeneratedRegex(@"^records=(\d+) bytes=(\d+) seconds=([0-9.]+(?:[eE][-+]?\d+)?)$")]
    private static partial Regex Report();
}

/// <summary>What K clients streamed in one measured run: records, message bytes, seconds, and the CPU the server and the clients used.</summary>
internal sealed record ClientRun(long Records, long Bytes, double Seconds, double ServerCpu, double ClientCpu);

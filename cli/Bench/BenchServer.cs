using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using EStreamer.Client;
using EStreamer.Emulator.Server;

namespace EStreamer.Emulator.Cli.Bench;

/// <summary>
/// A `serve` child process on 127.0.0.1 for one measurement: its own data folder and port, its CPU time and
/// resident memory read from /proc, killed when the measurement ends (or when this process exits).
/// Running the server apart keeps the clients' CPU out of the server's figures.
/// </summary>
internal sealed class BenchServer : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(2);
    private readonly Process _process;
    private readonly string _directory;
    private readonly EventHandler _onExit;

    private BenchServer(Process process, string directory, int port, Stopwatch sinceStart)
    {
        _process = process;
        _directory = directory;
        Port = port;
        SinceStart = sinceStart;
        _onExit = (_, _) => Kill();
        AppDomain.CurrentDomain.ProcessExit += _onExit;
    }

    public int Port { get; }

    /// <summary>Running since the child process was started.</summary>
    public Stopwatch SinceStart { get; }

    /// <summary>From process start to the "ready on" line.</summary>
    public TimeSpan Ready { get; private set; }

    public X509Material Client { get; private set; } = null!;

    /// <summary>Starts `serve` with <paramref name="arguments"/> (port, data folder and control API are set here) and waits for it to say it is ready.</summary>
    public static async Task<BenchServer> StartAsync(IEnumerable<string> arguments)
    {
        var directory = NewFolderPath();
        string pkcs12, password;
        using (var data = EmulatorData.OpenOrCreate(directory))
        {
            var peer = data.EnsureDefaultPeer();
            pkcs12 = peer.Pkcs12File!;
            password = peer.Password!;
        }

        var port = FreePort();
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(BenchServer).Assembly.Location);
        }

        foreach (var argument in (string[])["serve", "--data-dir", directory, "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--control-port", "0", "--log-level", "warning", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        var watch = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the server process");
        var server = new BenchServer(process, directory, port, watch);
        try
        {
            using var timeout = new CancellationTokenSource(ReadyTimeout);
            while (await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false) is { } line)
            {
                if (line.Contains("ready on", StringComparison.Ordinal))
                {
                    server.Ready = watch.Elapsed;
                    server.Client = new X509Material(pkcs12, password);
                    _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                    return server;
                }
            }

            var error = await process.StandardError.ReadToEndAsync(CancellationToken.None).ConfigureAwait(false);
            throw new InvalidOperationException($"the server process ended before it was ready: {error.Trim()}");
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>User plus system CPU seconds the server has used (/proc/PID/stat utime and stime).</summary>
    public double CpuSeconds() => StatCpuSeconds($"/proc/{_process.Id}/stat", userField: 11);

    /// <summary>
    /// A user and a system CPU time in clock ticks of 1/100 s, side by side in a /proc stat file: the fields after the
    /// process name, counted from its state (0), <paramref name="userField"/> and the one after it.
    /// </summary>
    public static double StatCpuSeconds(string statFile, int userField)
    {
        var stat = File.ReadAllText(statFile);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[userField], CultureInfo.InvariantCulture) + long.Parse(fields[userField + 1], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>A new folder path under the temporary folder for one measurement's files, named <paramref name="name"/>-RANDOM.</summary>
    public static string NewFolderPath(string name = "estreamer-bench") =>
        Path.Combine(Path.GetTempPath(), name + "-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>Resident memory in bytes (/proc/PID/status VmRSS).</summary>
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>Client options that connect as eNcore does (TLS 1.2, a Null after every message).</summary>
    public EStreamerClientOptions ClientOptions(ClientCertificateBundle bundle) => new()
    {
        Host = "127.0.0.1",
        Port = Port,
        ClientCertificate = bundle.Certificate,
        AcknowledgeEveryMessage = true,
        ReadTimeout = TimeSpan.FromSeconds(60),
        ConnectTimeout = TimeSpan.FromSeconds(60),
        HandshakeTimeout = TimeSpan.FromSeconds(60),
    };

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= _onExit;
        Kill();
        await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>The client's PKCS#12 and its password.</summary>
    public sealed record X509Material(string Pkcs12File, string Password)
    {
        public ClientCertificateBundle Load() => ClientCertificateBundle.Load(Pkcs12File, Password);
    }
}

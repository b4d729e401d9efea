using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EStreamer.Hostile;

/// <summary>
/// The built `estreamer-emulator serve` as a child process on 127.0.0.1, with its own data folder and a peer
/// for 127.0.0.1. Its output is kept so that a crash or a leak report is seen; it is killed on dispose.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    public const string PeerPassword = "hostile-suite";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, string directory, int port, int controlPort)
    {
        _process = process;
        Directory = directory;
        Port = port;
        ControlPort = controlPort;
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Directory { get; }

    public int Port { get; }

    public int ControlPort { get; }

    public int Id => _process.Id;

    public bool Exited => _process.HasExited;

    public string PeerFile => Path.Combine(Directory, "client.pkcs12");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<ServerProcess> StartAsync(string cli, int seed, int history)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"estreamer-hostile-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(directory);
        var peers = Run(cli, "peers", "add", "127.0.0.1", "--password", PeerPassword, "--out", Path.Combine(directory, "client.pkcs12"), "--data-dir", directory);
        await peers.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        if (peers.ExitCode != 0)
        {
            throw new InvalidOperationException($"peers add failed: {await peers.StandardError.ReadToEndAsync().ConfigureAwait(false)}");
        }

        var (port, controlPort) = (FreePort(), FreePort());
        var serve = Run(
            cli, "serve", "--data-dir", directory, "--bind", "127.0.0.1", "--port", $"{port}", "--control-bind", "127.0.0.1",
            "--control-port", $"{controlPort}", "--seed", $"{seed}", "--rate", "0", "--history", $"{history}", "--log-level", "warning");
        return new ServerProcess(serve, directory, port, controlPort);
    }

    /// <summary>Resident memory in KiB and open file descriptors, from /proc.</summary>
    public (long RssKiB, int Descriptors) Resources()
    {
        var rss = File.ReadLines($"/proc/{Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kib = long.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
        return (kib, System.IO.Directory.GetFileSystemEntries($"/proc/{Id}/fd").Length);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A report still being written; the folder is under the temporary directory.
        }
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static Process Run(string cli, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(cli);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Flags only: no ESTREAMER_* variable from the caller's environment changes what this server is told.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ESTREAMER_", StringComparison.Ordinal)).ToArray())
        {
            start.Environment.Remove(name);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

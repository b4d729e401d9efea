using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using EStreamer.Emulator.Cli;
using EStreamer.Emulator.Tests.Support;

namespace EStreamer.Emulator.Tests.Cli;

/// <summary>`serve` for real, in-process: options from flags, the environment and a config file, the server and control API on 127.0.0.1.</summary>
[Parallelizable(ParallelScope.All)] // each serve has its own folder, and a control port no other test can be handed
public sealed partial class ServeCommandTests
{
    [Test]
    public async Task Serve_starts_with_layered_options_and_stops_when_cancelled()
    {
        var directory = TestFolders.NewPath();
        var config = Path.Combine(Path.GetTempPath(), $"estreamer-config-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(config, "control-token: from-file\nrate: 0\nhistory: 7\n");
        var environment = new Dictionary<string, string?> { ["ESTREAMER_CONFIG"] = config, ["ESTREAMER_DATA_DIR"] = directory };
        using var output = new ReadyWatcher();
        using var error = new StringWriter();
        var synchronizedOutput = TextWriter.Synchronized(output);
        using var stop = new CancellationTokenSource();
        var run = Program.RunAsync(
            ["serve", "--port", "0", "--bind", "127.0.0.1", "--control-port", "0", "--log-level", "warning"],
            new CommandContext(synchronizedOutput, TextWriter.Synchronized(error), environment),
            stop.Token);
        try
        {
            var ready = await WaitForReadyAsync(output, run);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(output.ToString(), Does.Contain($"data folder:     {directory}"), "ESTREAMER_DATA_DIR");
                Assert.That(output.ToString(), Does.Contain("control API:     off"), "--control-port 0");
                Assert.That(File.Exists(Path.Combine(directory, "ca.crt")), Is.True);
            }

            // The server really listens on the port it printed.
            using var client = new System.Net.Sockets.TcpClient();
            await client.ConnectAsync("127.0.0.1", int.Parse(ready.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.That(client.Connected, Is.True);
        }
        finally
        {
            await stop.CancelAsync();
            var code = await run.WaitAsync(TimeSpan.FromSeconds(30));
            File.Delete(config);
            Directory.Delete(directory, recursive: true);
            Assert.That(code, Is.Zero, error.ToString());
        }

        Assert.That(output.ToString(), Does.EndWith("estreamer-emulator stopping" + Environment.NewLine));
    }

    [Test]
    public async Task Serve_with_a_control_api_takes_the_token_from_the_config_file()
    {
        var directory = TestFolders.NewPath();
        var config = Path.Combine(Path.GetTempPath(), $"estreamer-config-{Guid.NewGuid():N}.yaml");
        var controlPort = PortNoOtherTestTakes();
        await File.WriteAllTextAsync(config, $"control-token: from-file\ncontrol-port: {controlPort}\nrate: 0\nhistory: 0\n");
        using var output = new ReadyWatcher();
        using var stop = new CancellationTokenSource();
        var run = Program.RunAsync(
            ["serve", "--config", config, "--port", "0", "--data-dir", directory, "--log-level", "error"],
            new CommandContext(TextWriter.Synchronized(output), TextWriter.Null, new Dictionary<string, string?>()),
            stop.Token);
        try
        {
            await WaitForReadyAsync(output, run);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{controlPort}/") };
            using var refused = await http.GetAsync("sessions");
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "from-file");
            var sessions = await http.GetFromJsonAsync<JsonElement>("sessions");
            using (Assert.EnterMultipleScope())
            {
                Assert.That((int)refused.StatusCode, Is.EqualTo(401));
                Assert.That(sessions.ValueKind, Is.EqualTo(JsonValueKind.Array));
            }
        }
        finally
        {
            await stop.CancelAsync();
            var code = await run.WaitAsync(TimeSpan.FromSeconds(30));
            File.Delete(config);
            Directory.Delete(directory, recursive: true);
            Assert.That(code, Is.Zero);
        }
    }

    /// <summary>
    /// A free port below the range the system hands out for port 0 and outgoing connections (32768 and up
    /// on Linux, 49152 and up on Windows and macOS): the servers and clients of tests running beside this
    /// one cannot be given it between this check and serve binding it.
    /// </summary>
    private static int PortNoOtherTestTakes()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
            try
            {
                listener.Start();
                return port;
            }
            catch (System.Net.Sockets.SocketException)
            {
                // Taken by something else on this machine: try another.
            }
            finally
            {
                listener.Stop();
            }
        }

        Assert.Fail("no free port between 20000 and 32000");
        return 0;
    }

    /// <summary>Waits (bounded) for serve to print its ready line, failing at once if serve ended instead.</summary>
    private static async Task<Match> WaitForReadyAsync(ReadyWatcher output, Task<int> run)
    {
        var first = await Task.WhenAny(output.Ready, run).WaitAsync(TimeSpan.FromSeconds(30));
        if (first == run)
        {
            Assert.Fail($"serve ended with status {await run} before it was ready");
        }

        return await output.Ready;
    }

    /// <summary>Serve's output, which says the moment the ready line has been written: no polling of the text.</summary>
    private sealed class ReadyWatcher : StringWriter
    {
        private readonly TaskCompletionSource<Match> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<Match> Ready => _ready.Task;

        public override void Write(char value)
        {
            base.Write(value);
            Check();
        }

        public override void Write(string? value)
        {
            base.Write(value);
            Check();
        }

        public override void Write(char[] buffer, int index, int count)
        {
            base.Write(buffer, index, count);
            Check();
        }

        private void Check()
        {
            if (!_ready.Task.IsCompleted && ReadyLine().Match(ToString()) is { Success: true } match)
            {
                _ready.TrySetResult(match);
            }
        }
    }

    [GeneratedRegex(@"estreamer-emulator ready on 127\.0\.0\.1:(\d+)")]
    private static partial Regex ReadyLine();
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using EStreamer.Emulator.Cli;
using EStreamer.Emulator.Tests.Support;

namespace EStreamer.Emulator.Tests.Cli;

/// <summary>`status` against a running emulator's control API on 127.0.0.1.</summary>
public sealed class StatusCommandTests
{
    [Test]
    public async Task Status_says_enabled_then_not_ready_once_the_service_is_disabled()
    {
        await using var emulator = await RunningEmulator.StartAsync(control: _ => { });
        var port = emulator.ControlServer!.Port.ToString(CultureInfo.InvariantCulture);

        var (code, text) = await RunAsync("status", "--control-port", port);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.Zero);
            Assert.That(text, Does.StartWith($"estreamer service enabled, listening on 127.0.0.1:{emulator.Port}"));
        }

        await emulator.Server.DisableServiceAsync();
        (code, text) = await RunAsync("status", "--control-port", port);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(text, Does.StartWith("estreamer service not ready:").And.Contain("disabled"));
        }
    }

    [Test]
    public async Task Status_fails_with_one_line_when_nothing_answers()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        listener.Stop();

        var (code, text) = await RunAsync("status", "--control-port", port);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(text, Does.StartWith("estreamer emulator not answering on http://127.0.0.1:" + port));
        }
    }

    private static async Task<(int Code, string Text)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        var code = await StatusCommand.RunAsync(new CommandLine(args, new HashSet<string>()), output);
        return (code, output.ToString().Trim());
    }
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using EStreamer.Emulator.Tests.Support;

namespace EStreamer.Emulator.Tests.Cli;

/// <summary>`status` against a running emulator's control API on 127.0.0.1.</summary>
[Parallelizable(ParallelScope.All)] // every test runs its own command and, where it needs one, its own emulator
public sealed class StatusCommandTests
{
    [Test]
    public async Task Status_says_enabled_then_not_ready_once_the_service_is_disabled()
    {
        await using var emulator = await RunningEmulator.StartAsync(control: _ => { });
        var port = emulator.ControlServer!.Port.ToString(CultureInfo.InvariantCulture);

        var (code, text, _) = await CliRun.RunAsync("status", "--control-port", port);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.Zero);
            Assert.That(text.Trim(), Does.StartWith($"estreamer service enabled, listening on 127.0.0.1:{emulator.Port}"));
        }

        await emulator.Server.DisableServiceAsync();
        (code, text, _) = await CliRun.RunAsync("status", "--control-port", port);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(text.Trim(), Does.StartWith("estreamer service not ready:").And.Contain("disabled"));
        }
    }

    [Test]
    public async Task Status_reads_the_control_port_from_ESTREAMER_CONTROL_PORT()
    {
        await using var emulator = await RunningEmulator.StartAsync(control: _ => { });
        var environment = new Dictionary<string, string?> { ["ESTREAMER_CONTROL_PORT"] = emulator.ControlServer!.Port.ToString(CultureInfo.InvariantCulture) };

        var (code, text, _) = await CliRun.RunAsync(environment, "status");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.Zero);
            Assert.That(text.Trim(), Does.StartWith("estreamer service enabled"));
        }
    }

    [Test]
    public async Task Status_fails_with_one_line_when_nothing_answers()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        listener.Stop();

        var (code, text, _) = await CliRun.RunAsync("status", "--control-port", port);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(text.Trim(), Does.StartWith("estreamer emulator not answering on http://127.0.0.1:" + port));
        }
    }

    [Test]
    public async Task Status_without_the_control_api_is_a_usage_error()
    {
        var (code, _, error) = await CliRun.RunAsync("status", "--control-port", "0");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Does.StartWith("estreamer-emulator: status needs the control API"));
        }
    }
}

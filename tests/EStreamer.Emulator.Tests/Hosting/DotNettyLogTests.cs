using System.Net;
using DotNetty.Common.Internal.Logging;
using EStreamer.Emulator.Hosting;
using EStreamer.Emulator.Server;
using EStreamer.Emulator.Tests.Support;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Tests.Hosting;

/// <summary>DotNetty's own warnings (its leak reports among them) reach the host's log while the host runs.</summary>
public sealed class DotNettyLogTests
{
    [Test]
    public async Task DotNetty_warnings_reach_the_hosts_log_while_it_runs_and_its_information_lines_do_not()
    {
        var directory = TestFolders.NewPath();
        using var logs = new CapturingLoggerProvider();
        var marker = Guid.NewGuid().ToString("N");
        IInternalLogger dotNetty;
        try
        {
            await using (await EmulatorHost.StartAsync(new EmulatorHostOptions
            {
                Server = new EmulatorOptions { DataDirectory = directory, BindAddress = IPAddress.Loopback, Port = 0 },
                ControlApi = false,
                Logging = logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(logs),
            }))
            {
                // As DotNetty's own types do, the logger is bound on first use: here, once a host has started.
                dotNetty = InternalLoggerFactory.GetInstance("DotNetty.Probe." + marker);
                dotNetty.Warn($"probe warning {marker}");
                dotNetty.Info($"probe information {marker}");
            }

            dotNetty.Warn($"probe after stop {marker}");

            var lines = logs.Lines.Select(l => l.Line).Where(l => l.Contains(marker, StringComparison.Ordinal)).ToArray();
            Assert.That(lines, Is.EqualTo(new[] { $"probe warning {marker}" }));
        }
        finally
        {
            TestFolders.Remove(directory);
        }
    }
}

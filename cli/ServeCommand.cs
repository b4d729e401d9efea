using System.CommandLine;
using System.Runtime.InteropServices;
using EStreamer.Emulator.Cli.Configuration;
using EStreamer.Emulator.Hosting;
using EStreamer.Emulator.Peers;
using EStreamer.Emulator.Scenarios;
using EStreamer.Scenarios;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Cli;

/// <summary>
/// `serve`: the eStreamer server with built-in traffic or a scenario, and the control API, until SIGINT or
/// SIGTERM. SIGUSR1 disables the service, SIGUSR2 enables it.
/// </summary>
public static class ServeCommand
{
    public const string Description = """
        run the eStreamer server (default 127.0.0.1:8302) with built-in traffic, or play a scenario (a YAML file or a
        shipped example name); SIGUSR1 disables the service, SIGUSR2 enables it. The control API (HTTP: /healthz,
        /readyz, /sessions, /journal, /reset, /service, /metrics) listens on 127.0.0.1:8303 by default.
        Every option also comes from an ESTREAMER_* variable (--port is ESTREAMER_PORT, --data-dir ESTREAMER_DATA_DIR, ...)
        or from --config FILE (or ESTREAMER_CONFIG), a YAML mapping of option names (port: 8302, scenario: sid-remap, ...);
        flags win over the environment, the environment over the config file, the file over the defaults.
        """;

    public static Command Create(CommandContext context)
    {
        var command = new Command("serve", Description);
        var config = ConfigOption();
        command.Add(config);
        var options = OptionsBinder.Serve
            .Select(s => CommandContext.Option(s.Name, s.ValueName, $"{s.Help} [{s.EnvironmentVariable}]"))
            .ToArray();
        foreach (var option in options)
        {
            command.Add(option);
        }

        command.SetAction((parse, cancellation) => RunAsync(context, CommandContext.Flags(parse, [config, .. options]), cancellation));
        return command;
    }

    /// <summary>`--config FILE`, shared by the commands that read the layered options.</summary>
    public static Option<string> ConfigOption() =>
        CommandContext.Option(OptionLayers.ConfigOption, "FILE", $"read options from a YAML file [{OptionLayers.EnvironmentVariable(OptionLayers.ConfigOption)}]");

    public static async Task<int> RunAsync(CommandContext context, IReadOnlyDictionary<string, string> flags, CancellationToken cancellation)
    {
        var settings = OptionsBinder.Bind(flags, context.Environment);

        // A broken scenario stops here, before any port is opened.
        Scenario? scenario = null;
        if (settings.Scenario is { } name)
        {
            try
            {
                scenario = ScenarioSource.Load(name);
            }
            catch (ScenarioException invalid)
            {
                foreach (var error in invalid.Errors)
                {
                    context.Error.WriteLine(error);
                }

                context.Error.WriteLine($"estreamer-emulator: error: scenario {name} has {invalid.Errors.Count} error(s); not starting");
                return 1;
            }

            if (settings.SeedGiven)
            {
                scenario = scenario.WithSeed(settings.Server.Seed);
            }

            ScenarioSource.Apply(scenario.Server, settings.Server);
        }

        Peer? peer = null;
        await using var host = await EmulatorHost.StartAsync(
            new EmulatorHostOptions
            {
                Server = settings.Server,
                Control = settings.EnabledControl,
                Scenario = scenario,
                BuiltInTraffic = scenario is null,
                PrepareData = data =>
                {
                    peer = data.EnsureDefaultPeer();
                    if (settings.AddressCheck is { } check)
                    {
                        data.Peers.CheckAddress = check;
                    }
                },
                Logging = logging => logging.SetMinimumLevel(settings.LogLevel).AddSimpleConsole(console =>
                {
                    console.SingleLine = true;
                    console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                    console.UseUtcTimestamp = true;
                }),
                HandleStopSignals = true,
            },
            cancellation).ConfigureAwait(false);

        var output = context.Output;
        output.WriteLine($"data folder:     {host.Data.Directory}");
        output.WriteLine($"client PKCS#12:  {peer!.Pkcs12File}");
        output.WriteLine($"password:        {peer.Password}");
        output.WriteLine($"CA certificate:  {host.Data.CaCertificatePath}");
        output.WriteLine(host.ControlServer is null ? "control API:     off" : $"control API:     {host.ControlServer.BaseAddress}");
        output.WriteLine($"estreamer-emulator ready on {settings.Server.BindAddress}:{host.Server.Port}");
        output.Flush();

        var server = host.Server;
        using var disable = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create((PosixSignal)10, _ => server.DisableServiceAsync().ContinueWith(_ => { }, TaskScheduler.Default));
        using var enable = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create((PosixSignal)12, _ => server.EnableServiceAsync().ContinueWith(_ => { }, TaskScheduler.Default));
        using var stopOnCancel = cancellation.Register(host.RequestStop);
        await host.WaitForStopRequestAsync().ConfigureAwait(false);
        output.WriteLine("estreamer-emulator stopping");
        return 0;
    }
}

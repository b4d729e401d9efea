using System.Runtime.InteropServices;
using EStreamer.Emulator.Control;
using EStreamer.Emulator.Events;
using EStreamer.Emulator.Faults;
using EStreamer.Emulator.Logging;
using EStreamer.Emulator.Scenarios;
using EStreamer.Scenarios;
using EStreamer.Emulator.Server;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Cli;

/// <summary>
/// Command-line entry point. Exit status: 0 success, 2 usage error, 1 failure with a one-line reason.
/// </summary>
public static class Program
{
    private const string Usage = """
        usage: estreamer-emulator COMMAND [OPTIONS]

        commands:
          serve [--data-dir DIR] [--port N] [--bind ADDR] [--keepalive SECONDS] [--rate EVENTS_PER_S]
                [--history N] [--seed N] [--disable-families LIST] [--profile auto|encore38|encore52]
                [--bundle-events N] [--log-level LEVEL] [--address-check on|off] [--scenario FILE|NAME]
                [--control-port N] [--control-bind ADDR] [--control-token T] [--journal-entries N]
              run the eStreamer server (default 127.0.0.1:8302) with built-in traffic, or play a scenario
              (a YAML file or a shipped example name); SIGUSR1 disables the service, SIGUSR2 enables it.
              The control API (HTTP: /healthz, /readyz, /sessions, /journal, /reset, /service, /metrics) listens on
              127.0.0.1:8303 by default; --control-port 0 turns it off, --control-token requires a bearer token
          scenario validate FILE...
              check scenario files; each error printed as FILE:LINE:COL: message
          scenario list
              the shipped example scenarios
          scenario show NAME
              print a shipped example (a starting point for your own)
          status [--control-port N] [--control-host ADDR] [--control-token T]
              is a running emulator's service enabled and listening? (exit 0 yes, 1 no or not answering)
          bench rate [--seconds N] [--rates LIST]
              measure how closely scenario traffic holds its rate (default 10 s each at 1 to 100,000 events/s)
          peers add HOST [--password P] [--out FILE] [--data-dir DIR]
              register a client and write its PKCS#12 (CN = HOST)
          peers list [--data-dir DIR]
          peers revoke HOST [--data-dir DIR]
          peers remove HOST [--data-dir DIR]
          peers address-check on|off [--data-dir DIR]
              compare the client's source address with its certificate (on by default)
          probe --host H --port N --pkcs12 FILE --password P [--count N] [--start oldest|now|UNIXTIME]
                [--extended] [--families LIST] [--timeout SECONDS]
              connect to any eStreamer server as a client: report TLS, the server certificate and whether
              the client certificate was accepted (on stderr), then decode N records (default 10; 0 only
              checks the connection) as JSON lines on stdout. --families: intrusion, metadata, correlation,
              discovery, connection, user-activity, malware, file, impact, packet-data, extra-data or all
              (default; malware and file need --extended). --timeout bounds connecting, the handshake and
              each wait for a record (default 10)

        serve and peers options also read environment variables: --port is ESTREAMER_PORT, --data-dir ESTREAMER_DATA_DIR, ...
        and --config FILE (or ESTREAMER_CONFIG) reads them from YAML (port: 8302, scenario: sid-remap, ...);
        flags win over the environment, the environment over the config file, the file over the defaults
        """;

    private static readonly HashSet<string> Switches = ["help", .. ProbeCommand.Switches];

    public static async Task<int> Main(string[] args)
    {
        try
        {
            var line = new CommandLine(args, Switches);
            if (line.Positionals.Count == 0 || line.Has("help"))
            {
                Console.Out.WriteLine(Usage);
                return line.Positionals.Count == 0 && !line.Has("help") ? 2 : 0;
            }

            if ((line.Get("config") ?? Environment.GetEnvironmentVariable("ESTREAMER_CONFIG")) is { } config)
            {
                line.UseConfig(ConfigFile.Load(config));
            }

            return line.Positionals[0] switch
            {
                "serve" => await ServeAsync(line).ConfigureAwait(false),
                "peers" => Peers(line),
                "scenario" => ScenarioCommand(line),
                "bench" => await BenchCommand.RunAsync(line).ConfigureAwait(false),
                "status" => await StatusCommand.RunAsync(line, Console.Out).ConfigureAwait(false),
                "probe" => await ProbeCommand.RunAsync(line, Console.Out, Console.Error).ConfigureAwait(false),
                "help" => Help(),
                var other => throw new UsageException($"unknown command '{other}'"),
            };
        }
        catch (UsageException usage)
        {
            Console.Error.WriteLine($"estreamer-emulator: {usage.Message}");
            Console.Error.WriteLine("run 'estreamer-emulator help' for usage");
            return 2;
        }
        catch (ConfigFileException invalid)
        {
            Console.Error.WriteLine(invalid.Message);
            Console.Error.WriteLine("estreamer-emulator: error: the config file has an error; not starting");
            return 1;
        }
        catch (Exception failure)
        {
            Console.Error.WriteLine($"estreamer-emulator: error: {failure.GetBaseException().Message}");
            return 1;
        }
    }

    private static int Help()
    {
        Console.Out.WriteLine(Usage);
        return 0;
    }

    private static async Task<int> ServeAsync(CommandLine line)
    {
        RequirePositionals(line, 1, "serve");
        var options = OptionsBinder.Bind(line);
        var level = ParseLevel(OptionsBinder.Value(line, "log-level"));
        var addressCheck = OptionsBinder.AddressCheck(line);
        var scenarioName = OptionsBinder.Value(line, "scenario");
        var seedGiven = OptionsBinder.Value(line, "seed") is not null;
        var controlOptions = OptionsBinder.BindControl(line);
        line.RejectUnknown();

        // A broken scenario stops here, before any port is opened.
        Scenario? scenario = null;
        if (scenarioName is not null)
        {
            try
            {
                scenario = ScenarioSource.Load(scenarioName);
            }
            catch (ScenarioException invalid)
            {
                foreach (var error in invalid.Errors)
                {
                    Console.Error.WriteLine(error);
                }

                Console.Error.WriteLine($"estreamer-emulator: error: scenario {scenarioName} has {invalid.Errors.Count} error(s); not starting");
                return 1;
            }

            if (seedGiven)
            {
                scenario = scenario.WithSeed(options.Seed);
            }

            ScenarioSource.Apply(scenario.Server, options);
        }

        using var loggers = LoggerFactory.Create(builder => builder
            .SetMinimumLevel(level)
            .AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                console.UseUtcTimestamp = true;
            }));

        using var data = EmulatorData.OpenOrCreate(options.DataDirectory);
        var peer = data.EnsureDefaultPeer();
        if (addressCheck is { } check)
        {
            data.Peers.CheckAddress = check;
        }

        var journal = new EventJournal();
        await using var traffic = new TrafficHost(journal, options, loggers);
        var faults = scenario is null ? FaultSchedule.None : await traffic.PlayAsync(scenario).ConfigureAwait(false);
        if (scenario is null)
        {
            await traffic.StartBuiltInAsync().ConfigureAwait(false);
        }

        var server = await EmulatorServer.StartAsync(options, data, journal, loggers, faults).ConfigureAwait(false);
        EmulatorControl? control = null;
        ControlServer? controlServer = null;
        try
        {
            if (controlOptions is not null)
            {
                control = new EmulatorControl(server, journal, controlOptions, loggers);
                controlServer = await ControlServer.StartAsync(controlOptions, control, loggers, [new ScenarioEndpoints(traffic)]).ConfigureAwait(false);
            }

            Console.Out.WriteLine($"data folder:     {data.Directory}");
            Console.Out.WriteLine($"client PKCS#12:  {peer.Pkcs12File}");
            Console.Out.WriteLine($"password:        {peer.Password}");
            Console.Out.WriteLine($"CA certificate:  {data.CaCertificatePath}");
            Console.Out.WriteLine(controlServer is null ? "control API:     off" : $"control API:     {controlServer.BaseAddress}");
            Console.Out.WriteLine($"estreamer-emulator ready on {options.BindAddress}:{server.Port}");
            Console.Out.Flush();
            await WaitForStopAsync(server).ConfigureAwait(false);
        }
        finally
        {
            // The control API first (no request sees a half-stopped server), then the server, whose last session
            // closes still reach the conformance recorder, which then finishes writing its reports.
            if (controlServer is not null)
            {
                await controlServer.DisposeAsync().ConfigureAwait(false);
            }

            await server.DisposeAsync().ConfigureAwait(false);
            if (control is not null)
            {
                await control.DisposeAsync().ConfigureAwait(false);
            }
        }

        return 0;
    }

    private static async Task WaitForStopAsync(EmulatorServer server)
    {
        var stop = new TaskCompletionSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.TrySetResult(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.TrySetResult(); });
        using var disable = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create((PosixSignal)10, _ => server.DisableServiceAsync().ContinueWith(_ => { }, TaskScheduler.Default));
        using var enable = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create((PosixSignal)12, _ => server.EnableServiceAsync().ContinueWith(_ => { }, TaskScheduler.Default));
        await stop.Task.ConfigureAwait(false);
        Console.Out.WriteLine("estreamer-emulator stopping");
    }

    private static int ScenarioCommand(CommandLine line)
    {
        if (line.Positionals.Count < 2)
        {
            throw new UsageException("scenario needs a subcommand: validate, list, show");
        }

        switch (line.Positionals[1])
        {
            case "validate":
            {
                if (line.Positionals.Count < 3)
                {
                    throw new UsageException("usage: scenario validate FILE...");
                }

                line.RejectUnknown();
                var failed = 0;
                foreach (var file in line.Positionals.Skip(2))
                {
                    try
                    {
                        var scenario = ScenarioLoader.LoadFile(file);
                        Console.Out.WriteLine($"{file}: ok ({scenario.Name})");
                    }
                    catch (ScenarioException invalid)
                    {
                        failed++;
                        foreach (var error in invalid.Errors)
                        {
                            Console.Out.WriteLine(error);
                        }
                    }
                }

                return failed == 0 ? 0 : 1;
            }

            case "list":
                RequirePositionals(line, 2, "scenario list");
                line.RejectUnknown();
                foreach (var name in ScenarioLoader.ExampleNames)
                {
                    Console.Out.WriteLine(name);
                }

                return 0;
            case "show":
                RequirePositionals(line, 3, "scenario show NAME");
                line.RejectUnknown();
                if (!ScenarioLoader.ExampleNames.Contains(line.Positionals[2]))
                {
                    throw new UsageException($"no shipped scenario '{line.Positionals[2]}'; shipped: {string.Join(", ", ScenarioLoader.ExampleNames)}");
                }

                Console.Out.Write(ScenarioLoader.ExampleText(line.Positionals[2]));
                return 0;
            default:
                throw new UsageException($"unknown scenario subcommand '{line.Positionals[1]}'");
        }
    }

    private static int Peers(CommandLine line)
    {
        if (line.Positionals.Count < 2)
        {
            throw new UsageException("peers needs a subcommand: add, list, revoke, remove, address-check");
        }

        var sub = line.Positionals[1];
        var dataDirectory = OptionsBinder.DataDirectory(line);
        switch (sub)
        {
            case "add":
            {
                RequirePositionals(line, 3, "peers add HOST");
                var password = line.Get("password");
                var outFile = line.Get("out");
                line.RejectUnknown();
                using var data = EmulatorData.OpenOrCreate(dataDirectory);
                var peer = data.AddPeer(line.Positionals[2], password, outFile);
                Console.Out.WriteLine($"peer {peer.Host} added");
                Console.Out.WriteLine($"client PKCS#12:  {peer.Pkcs12File}");
                Console.Out.WriteLine($"password:        {peer.Password}");
                return 0;
            }

            case "list":
            {
                RequirePositionals(line, 2, "peers list");
                line.RejectUnknown();
                using var data = EmulatorData.OpenOrCreate(dataDirectory);
                Console.Out.WriteLine($"address check: {(data.Peers.CheckAddress ? "on" : "off")}");
                foreach (var peer in data.Peers.List())
                {
                    var state = peer.Revoked ? "revoked" : peer.Enabled ? "enabled" : "disabled";
                    Console.Out.WriteLine($"{peer.Host}\t{state}\tserial {peer.Serial}\texpires {peer.NotAfter:yyyy-MM-dd}\t{peer.Pkcs12File}");
                }

                return 0;
            }

            case "revoke":
            case "remove":
            {
                RequirePositionals(line, 3, $"peers {sub} HOST");
                line.RejectUnknown();
                using var data = EmulatorData.OpenOrCreate(dataDirectory);
                var host = line.Positionals[2];
                var done = sub == "revoke" ? data.Peers.Update(host, p => p.Revoked = true) : data.Peers.Remove(host);
                if (!done)
                {
                    Console.Error.WriteLine($"estreamer-emulator: error: no peer registered for {host}");
                    return 1;
                }

                Console.Out.WriteLine($"peer {host} {(sub == "revoke" ? "revoked" : "removed")}");
                return 0;
            }

            case "address-check":
            {
                RequirePositionals(line, 3, "peers address-check on|off");
                line.RejectUnknown();
                var on = line.Positionals[2] switch
                {
                    "on" => true,
                    "off" => false,
                    var other => throw new UsageException($"peers address-check takes on or off, not '{other}'"),
                };
                using var data = EmulatorData.OpenOrCreate(dataDirectory);
                data.Peers.CheckAddress = on;
                Console.Out.WriteLine($"address check {(on ? "on" : "off")}");
                return 0;
            }

            default:
                throw new UsageException($"unknown peers subcommand '{sub}'");
        }
    }

    private static void RequirePositionals(CommandLine line, int count, string form)
    {
        if (line.Positionals.Count != count)
        {
            throw new UsageException($"usage: {form}");
        }
    }

    private static LogLevel ParseLevel(string? text) => text?.ToLowerInvariant() switch
    {
        null => LogLevel.Information,
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "information" or "info" => LogLevel.Information,
        "warning" or "warn" => LogLevel.Warning,
        "error" => LogLevel.Error,
        _ => throw new UsageException($"--log-level takes trace, debug, info, warning or error, not '{text}'"),
    };
}

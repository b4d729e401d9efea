using EStreamer.Emulator.Control;
using EStreamer.Emulator.Events;
using EStreamer.Emulator.Faults;
using EStreamer.Emulator.Logging;
using EStreamer.Emulator.Scenarios;
using EStreamer.Emulator.Server;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Hosting;

/// <summary>
/// The emulator's parts started in order (data folder, journal, traffic, server, control API) and stopped in
/// the reverse order that keeps every part's last work visible to the next one down.
/// </summary>
internal sealed class EmulatorService(EmulatorHostOptions options, ILoggerFactory hostLoggers) : IHostedService
{
    private ScenarioPlayer? _player;
    private int _stopped;
    private IDisposable? _dotNettyLog;

    public ILoggerFactory Loggers { get; } = options.Loggers ?? hostLoggers;

    public EmulatorData? Data { get; private set; }

    public EventJournal? Journal { get; private set; }

    public TrafficHost? Traffic { get; private set; }

    public EmulatorServer? Server { get; private set; }

    public EmulatorControl? Control { get; private set; }

    public ControlServer? ControlServer { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _dotNettyLog = DotNettyLog.RouteTo(Loggers);
            if (options.BuiltInTraffic && options.Server.HistoryOverflow() is { } overflow)
            {
                throw new ArgumentException("the built-in history " + overflow, nameof(options));
            }

            // The traffic (scenario, generators, history) and the data folder (certificates, peers) need nothing
            // from each other, so they start side by side; the port opens only once both are done.
            Journal = new EventJournal(options.Server.JournalCapacity);
            Traffic = new TrafficHost(Journal, options.Server, Loggers);
            var trafficStarted = Task.Run(() => StartTrafficAsync(Traffic, Journal), CancellationToken.None);
            try
            {
                Data = EmulatorData.OpenOrCreate(options.Server.DataDirectory);
                options.PrepareData?.Invoke(Data);
            }
            catch
            {
                // The data folder's failure is the one reported; the traffic is stopped with the rest once it is up.
                await ((Task)trafficStarted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                throw;
            }

            var faults = await trafficStarted.ConfigureAwait(false);
            options.Fill?.Invoke(Journal);
            Server = await EmulatorServer.StartAsync(options.Server, Data, Journal, Loggers, faults).ConfigureAwait(false);
            if (options.Control is { } controlOptions)
            {
                Control = new EmulatorControl(Server, Journal, controlOptions, Loggers);
                if (options.ControlApi)
                {
                    ControlServer = await ControlServer.StartAsync(controlOptions, Control, Loggers, [new ScenarioEndpoints(Traffic)], cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        // The control API first (no request sees a half-stopped server), then the traffic, then the server,
        // whose last session closes still reach the conformance recorder, which then finishes its reports.
        if (ControlServer is not null)
        {
            await ControlServer.DisposeAsync().ConfigureAwait(false);
        }

        if (_player is not null)
        {
            await _player.DisposeAsync().ConfigureAwait(false);
        }

        if (Traffic is not null)
        {
            await Traffic.DisposeAsync().ConfigureAwait(false);
        }

        if (Server is not null)
        {
            await Server.DisposeAsync().ConfigureAwait(false);
        }

        if (Control is not null)
        {
            await Control.DisposeAsync().ConfigureAwait(false);
        }

        Data?.Dispose();
        _dotNettyLog?.Dispose();
    }

    private async Task<FaultSchedule> StartTrafficAsync(TrafficHost traffic, EventJournal journal)
    {
        if (options.Scenario is { } scenario)
        {
            if (options.ScenarioStart is not { } start)
            {
                return await traffic.PlayAsync(scenario).ConfigureAwait(false);
            }

            // A timeline that starts in the past: played here, as the traffic host always starts from now.
            ScenarioSource.Apply(scenario.Server, options.Server);
            var plan = scenario.Compile(start);
            _player = new ScenarioPlayer(plan, journal, options.Server.Time);
            _player.Start();
            return ScenarioSource.Faults(plan);
        }

        if (options.BuiltInTraffic)
        {
            await traffic.StartBuiltInAsync().ConfigureAwait(false);
        }

        return options.Faults ?? FaultSchedule.None;
    }
}

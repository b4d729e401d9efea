using EStreamer.Emulator.Events;
using EStreamer.Emulator.Logging;
using EStreamer.Emulator.Server;
using EStreamer.Protocol.Negotiation;
using EStreamer.Scenarios;
using EStreamer.Scenarios.Loading;
using EStreamer.Scenarios.Model;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Scenarios;

/// <summary>
/// What feeds the journal: one scenario at a time, the shipped `quickstart` when none is given. Loading a
/// scenario (at start or through the control API) stops what played before, empties the journal, applies the
/// scenario's server settings for sessions opened from then on, and arms its faults.
/// </summary>
public sealed class TrafficHost : IAsyncDisposable
{
    private readonly EventJournal _journal;
    private readonly EmulatorOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly EventFamily[] _baseDisabled;
    private readonly TimeSpan _baseKeepalive;
    private readonly int _baseBundle;
    private IAsyncDisposable? _current;

    public TrafficHost(EventJournal journal, EmulatorOptions options, ILoggerFactory loggers)
    {
        _journal = journal;
        _options = options;
        _logger = loggers.CreateLogger("EStreamer.Emulator");

        // What the command line set, so that one scenario's pins do not outlive it.
        _baseDisabled = [.. options.DisabledFamilies];
        _baseKeepalive = options.KeepaliveInterval;
        _baseBundle = options.BundleMaxEvents;
    }

    /// <summary>The shipped scenario `serve` plays when it is given none.</summary>
    public const string BuiltInScenario = "quickstart";

    /// <summary>The scenario playing, or null before anything was started.</summary>
    public Scenario? Scenario { get; private set; }

    /// <summary>
    /// The built-in traffic: plays the shipped <see cref="BuiltInScenario"/> with the options' rate
    /// (<see cref="EmulatorOptions.EventsPerSecond"/>), history (<see cref="EmulatorOptions.HistoryEvents"/>,
    /// spread over the past hour) and <see cref="EmulatorOptions.Seed"/>.
    /// </summary>
    public Task StartBuiltInAsync() => PlayAsync(BuiltIn(_options));

    /// <summary>The built-in traffic as a scenario: <see cref="BuiltInScenario"/> with the options' rate, history and seed.</summary>
    public static Scenario BuiltIn(EmulatorOptions options) =>
        ScenarioLoader.LoadExample(BuiltInScenario)
            .WithSeed(options.Seed)
            .WithTraffic(options.EventsPerSecond, options.HistoryEvents);

    /// <summary>Plays <paramref name="scenario"/> from now; returns the plan's fault schedule for the server.</summary>
    public async Task<Faults.FaultSchedule> PlayAsync(Scenario scenario, EmulatorServer? server = null)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await StopCurrentAsync().ConfigureAwait(false);
            _journal.Clear();
            _options.DisabledFamilies.Clear();
            _options.DisabledFamilies.UnionWith(_baseDisabled);
            _options.KeepaliveInterval = _baseKeepalive;
            _options.BundleMaxEvents = _baseBundle;
            ScenarioSource.Apply(scenario.Server, _options);
            var plan = scenario.Compile(_options.Time.GetUtcNow());
            var faults = ScenarioSource.Faults(plan);
            server?.ReplaceFaults(faults);
            var player = new ScenarioPlayer(plan, _journal, _options.Time);
            player.Start();
            _current = player;
            Scenario = scenario;
            Log.ScenarioStarted(_logger, scenario.Name, scenario.Seed, plan.Start);
            return faults;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await StopCurrentAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        _gate.Dispose();
    }

    private async Task StopCurrentAsync()
    {
        if (_current is { } current)
        {
            _current = null;
            await current.DisposeAsync().ConfigureAwait(false);
        }
    }
}

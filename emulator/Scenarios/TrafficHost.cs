using EStreamer.Emulator.Events;
using EStreamer.Emulator.Logging;
using EStreamer.Emulator.Server;
using EStreamer.Protocol.Negotiation;
using EStreamer.Scenarios;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Scenarios;

/// <summary>
/// What feeds the journal: the built-in traffic or a scenario, one at a time. Loading a scenario (at start
/// or through the control API) stops what played before, empties the journal, applies the scenario's
/// server settings for sessions opened from then on, and arms its faults.
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

    /// <summary>The scenario playing, or null for built-in traffic.</summary>
    public Scenario? Scenario { get; private set; }

    /// <summary>Built-in traffic: history spread over the past hour, then a steady live rate.</summary>
    public async Task StartBuiltInAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await StopCurrentAsync().ConfigureAwait(false);
            var traffic = new BuiltInTraffic(_options.Seed);
            traffic.Prefill(_journal, _options.HistoryEvents, (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            _current = new TrafficPump(_journal, traffic, _options.EventsPerSecond);
            Scenario = null;
        }
        finally
        {
            _gate.Release();
        }
    }

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
            var plan = scenario.Compile(DateTimeOffset.UtcNow);
            var faults = ScenarioSource.Faults(plan);
            server?.ReplaceFaults(faults);
            var player = new ScenarioPlayer(plan, _journal);
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

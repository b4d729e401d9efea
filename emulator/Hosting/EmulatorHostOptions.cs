using EStreamer.Emulator.Control;
using EStreamer.Emulator.Events;
using EStreamer.Emulator.Faults;
using EStreamer.Emulator.Server;
using EStreamer.Scenarios;
using EStreamer.Scenarios.Loading;
using EStreamer.Scenarios.Model;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Hosting;

/// <summary>What <see cref="EmulatorHost"/> starts: the server's and control API's options, the traffic, logging.</summary>
public sealed class EmulatorHostOptions
{
    /// <summary>The eStreamer server's options; its data folder, address and port are used as given (port 0 picks a free one).</summary>
    public EmulatorOptions Server { get; init; } = new();

    /// <summary>The control's options (session journal, conformance reports, reset), or null to run without control.</summary>
    public ControlOptions? Control { get; init; }

    /// <summary>With <see cref="Control"/>: also serve it over HTTP (the control API) on its address and port.</summary>
    public bool ControlApi { get; init; } = true;

    /// <summary>A scenario to play from the start; its server settings and faults apply.</summary>
    public Scenario? Scenario { get; init; }

    /// <summary>
    /// Where the scenario's timeline starts; null for now. An earlier time puts the part of its timeline
    /// before now into the journal's history before the first client connects.
    /// </summary>
    public DateTimeOffset? ScenarioStart { get; init; }

    /// <summary>Without a scenario: run the built-in traffic (history and a steady rate) rather than an empty journal.</summary>
    public bool BuiltInTraffic { get; init; }

    /// <summary>Faults to arm when no scenario brings its own.</summary>
    public FaultSchedule? Faults { get; init; }

    /// <summary>Fills the journal before the server accepts its first client.</summary>
    public Action<EventJournal>? Fill { get; init; }

    /// <summary>Prepares the data folder before the server starts: register peers, switch the address check.</summary>
    public Action<EmulatorData>? PrepareData { get; init; }

    /// <summary>Where the emulator logs, as logging providers; ignored when <see cref="Loggers"/> is given.</summary>
    public Action<ILoggingBuilder>? Logging { get; init; }

    /// <summary>An existing logger factory for every part of the emulator; the caller keeps and disposes it.</summary>
    public ILoggerFactory? Loggers { get; init; }

    /// <summary>SIGINT and SIGTERM ask the host to stop (the executable); off in test processes.</summary>
    public bool HandleStopSignals { get; init; }
}

using EStreamer.Emulator.Control;
using EStreamer.Emulator.Server;
using Microsoft.Extensions.Logging;

namespace EStreamer.Emulator.Cli.Configuration;

/// <summary>What `serve` was told, from flags, the environment, the config file and the defaults.</summary>
public sealed class ServeSettings
{
    public EmulatorOptions Server { get; } = new();

    /// <summary>The control API's settings as bound; see <see cref="EnabledControl"/>.</summary>
    public ControlOptions Control { get; } = new();

    /// <summary>The control API's settings, or null when `--control-port 0` turns it off.</summary>
    public ControlOptions? EnabledControl => Control.Port == 0 ? null : Control;

    public LogLevel LogLevel { get; set; } = LogLevel.Information;

    /// <summary>The address-check switch, or null to keep the peer database's own setting.</summary>
    public bool? AddressCheck { get; set; }

    /// <summary>A scenario file or shipped example name; null for built-in traffic.</summary>
    public string? Scenario { get; set; }

    /// <summary>True when a seed was given, which then replaces the scenario's own.</summary>
    public bool SeedGiven { get; set; }
}

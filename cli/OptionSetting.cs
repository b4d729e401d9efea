using EStreamer.Emulator.Cli.Configuration;

namespace EStreamer.Emulator.Cli;

/// <summary>One `serve` option: its flag name (also its config-file key), what it holds, and how it lands in the settings.</summary>
public sealed record OptionSetting(string Name, string ValueName, string Help, Action<ServeSettings, string> Apply)
{
    public string EnvironmentVariable => OptionLayers.EnvironmentVariable(Name);
}

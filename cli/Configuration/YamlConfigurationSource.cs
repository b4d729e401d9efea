using Microsoft.Extensions.Configuration;

namespace EStreamer.Emulator.Cli.Configuration;

/// <summary>`--config FILE`: a YAML mapping of option names to single values, e.g. `port: 8302`.</summary>
public sealed class YamlConfigurationSource(string path, IReadOnlyCollection<string> knownKeys) : IConfigurationSource
{
    public string Path { get; } = path;

    public IReadOnlyCollection<string> KnownKeys { get; } = knownKeys;

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new YamlConfigurationProvider(this);
}

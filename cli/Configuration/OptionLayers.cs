using Microsoft.Extensions.Configuration;

namespace EStreamer.Emulator.Cli.Configuration;

/// <summary>
/// The option values of one command as a layered configuration: the YAML config file (`--config FILE` or
/// ESTREAMER_CONFIG) below the ESTREAMER_* environment variables below the command-line flags. What no
/// layer gives keeps the options' own default.
/// </summary>
public static class OptionLayers
{
    public const string ConfigOption = "config";

    /// <summary>The variable an option reads: `--data-dir` is ESTREAMER_DATA_DIR, `--port` ESTREAMER_PORT.</summary>
    public static string EnvironmentVariable(string name) => "ESTREAMER_" + name.ToUpperInvariant().Replace('-', '_');

    /// <summary>The process's variables, as the program reads them; tests pass their own dictionary instead.</summary>
    public static IReadOnlyDictionary<string, string?> ProcessEnvironment() =>
        System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(entry => (string)entry.Key, entry => (string?)entry.Value, StringComparer.Ordinal);

    /// <summary>Builds the layers for the option <paramref name="names"/>; a broken config file is a <see cref="ConfigFileException"/>.</summary>
    public static IConfigurationRoot Build(IReadOnlyCollection<string> names, IReadOnlyDictionary<string, string> flags, IReadOnlyDictionary<string, string?> environment)
    {
        var builder = new ConfigurationBuilder();
        var configFile = flags.GetValueOrDefault(ConfigOption) ?? environment.GetValueOrDefault(EnvironmentVariable(ConfigOption));
        if (!string.IsNullOrEmpty(configFile))
        {
            builder.Add(new YamlConfigurationSource(configFile, names));
        }

        var variables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in names)
        {
            if (environment.GetValueOrDefault(EnvironmentVariable(name)) is { } value)
            {
                variables[name] = value;
            }
        }

        builder.Add(new NamedValuesSource(variables, EnvironmentVariable));
        builder.Add(new NamedValuesSource(
            flags.Where(flag => names.Contains(flag.Key)).ToDictionary(StringComparer.OrdinalIgnoreCase),
            name => "--" + name));
        return builder.Build();
    }

    /// <summary>Where the value in force for <paramref name="key"/> was written: the top layer that has it.</summary>
    public static string Origin(IConfigurationRoot configuration, string key)
    {
        foreach (var provider in configuration.Providers.Reverse())
        {
            if (provider.TryGet(key, out _) && provider is IValueOrigin origin)
            {
                return origin.Describe(key);
            }
        }

        return key;
    }
}

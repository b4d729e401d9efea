using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EStreamer.Emulator.Cli;

/// <summary>A config file that cannot be used: its message is `FILE:LINE:COL: what is wrong`.</summary>
public sealed class ConfigFileException(string message) : Exception(message);

/// <summary>
/// `--config FILE` (or ESTREAMER_CONFIG): a YAML mapping whose keys are the option names, e.g.
/// `port: 8302`, `scenario: sid-remap`, `control-port: 0`. It sits below environment variables and
/// flags: the defaults, then the file, then the environment, then the command line.
/// </summary>
public static class ConfigFile
{
    public static IReadOnlyDictionary<string, string> Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            throw new ConfigFileException($"{path}:1:1: cannot read the file: {failure.Message}");
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException invalid)
        {
            throw new ConfigFileException($"{path}:{invalid.Start.Line}:{invalid.Start.Column}: not valid YAML: {invalid.InnerException?.Message ?? invalid.Message}");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (stream.Documents.Count == 0)
        {
            return values;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            var start = stream.Documents[0].RootNode.Start;
            throw new ConfigFileException($"{path}:{start.Line}:{start.Column}: expected a mapping of option names to values");
        }

        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            if (!OptionsBinder.Environment.ContainsKey(key))
            {
                throw new ConfigFileException(
                    $"{path}:{keyNode.Start.Line}:{keyNode.Start.Column}: unknown option '{key}'; expected one of: {string.Join(", ", OptionsBinder.Environment.Keys.Order(StringComparer.Ordinal))}");
            }

            if (valueNode is not YamlScalarNode { Value: { } value })
            {
                throw new ConfigFileException($"{path}:{valueNode.Start.Line}:{valueNode.Start.Column}: '{key}' takes a single value");
            }

            values[key] = value;
        }

        return values;
    }
}

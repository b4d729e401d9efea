using EStreamer.Scenarios;
using Microsoft.Extensions.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EStreamer.Emulator.Cli.Configuration;

/// <summary>
/// Reads a <see cref="YamlConfigurationSource"/> and remembers where each value stands, so that a bad value
/// is reported at its line and column. Syntax errors, unknown keys and non-scalar values are refused at
/// load time with every problem in the file, each as `FILE:LINE:COL: message`.
/// </summary>
public sealed class YamlConfigurationProvider(YamlConfigurationSource source) : ConfigurationProvider, IValueOrigin
{
    // A config file is a flat mapping of option names: anything deeper or longer than these is not one.
    private const int ConfigMaxDepth = 8;
    private const int ConfigMaxLength = 1024 * 1024;

    private readonly Dictionary<string, Mark> _positions = new(StringComparer.OrdinalIgnoreCase);

    public override void Load()
    {
        var path = source.Path;
        string text;
        try
        {
            if (new FileInfo(path).Length > ConfigMaxLength)
            {
                throw new ConfigFileException($"{path}:1:1: file larger than {ConfigMaxLength} bytes");
            }

            text = File.ReadAllText(path);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            throw new ConfigFileException($"{path}:1:1: cannot read the file: {failure.Message}");
        }

        YamlStream stream;
        try
        {
            stream = YamlLimits.Load(text, ConfigMaxDepth, ConfigMaxLength);
        }
        catch (YamlLimitException limit)
        {
            throw new ConfigFileException($"{path}:{limit.Start.Line}:{limit.Start.Column}: {limit.Reason}");
        }
        catch (YamlException invalid)
        {
            throw new ConfigFileException($"{path}:{invalid.Start.Line}:{invalid.Start.Column}: not valid YAML: {invalid.InnerException?.Message ?? invalid.Message}");
        }

        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        _positions.Clear();
        if (stream.Documents.Count == 0)
        {
            Data = data;
            return;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            var start = stream.Documents[0].RootNode.Start;
            throw new ConfigFileException($"{path}:{start.Line}:{start.Column}: expected a mapping of option names to values");
        }

        var errors = new List<string>();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (!source.KnownKeys.Contains(key))
            {
                errors.Add($"{path}:{keyNode.Start.Line}:{keyNode.Start.Column}: unknown option '{key}'; expected one of: {string.Join(", ", source.KnownKeys.Order(StringComparer.Ordinal))}");
            }
            else if (valueNode is not YamlScalarNode { Value: { } value })
            {
                errors.Add($"{path}:{valueNode.Start.Line}:{valueNode.Start.Column}: '{key}' takes a single value");
            }
            else
            {
                data[key] = value;
                _positions[key] = valueNode.Start;
            }
        }

        if (errors.Count > 0)
        {
            throw new ConfigFileException(string.Join(Environment.NewLine, errors));
        }

        Data = data;
    }

    public string Describe(string key) =>
        _positions.TryGetValue(key, out var at) ? $"{source.Path}:{at.Line}:{at.Column}: {key}" : $"{source.Path}: {key}";
}

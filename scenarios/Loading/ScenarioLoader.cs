using EStreamer.Scenarios.Loading;

namespace EStreamer.Scenarios.Loading;

/// <summary>
/// Loads scenario files. Every problem found becomes a <see cref="ScenarioError"/> (file, line, column,
/// message), and a file with any error yields a <see cref="ScenarioException"/> carrying all of them, never a
/// half-built scenario.
/// </summary>
public static class ScenarioLoader
{
    private const string ExamplePrefix = "EStreamer.Scenarios.examples.";

    /// <summary>Names of the scenarios shipped in examples/ (and embedded in this assembly), without ".yaml".</summary>
    public static IReadOnlyList<string> ExampleNames { get; } = typeof(ScenarioLoader).Assembly
        .GetManifestResourceNames()
        .Where(n => n.StartsWith(ExamplePrefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
        .Select(n => n[ExamplePrefix.Length..^".yaml".Length])
        .Order(StringComparer.Ordinal)
        .ToArray();

    public static Scenario LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            // Checked before reading, so a huge file is refused without being held in memory.
            if (new FileInfo(path).Length > YamlLimits.MaxTextLength)
            {
                throw new ScenarioException([new ScenarioError(path, 1, 1, $"file larger than {YamlLimits.MaxTextLength} bytes")]);
            }

            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException([new ScenarioError(path, 1, 1, $"cannot read the file: {exception.Message}")]);
        }

        return LoadText(text, path);
    }

    /// <param name="yaml">The scenario text.</param>
    /// <param name="fileName">The name errors are reported against.</param>
    public static Scenario LoadText(string yaml, string fileName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(fileName);
        return ScenarioParser.Parse(yaml, fileName);
    }

    /// <summary>Loads a shipped example by name (see <see cref="ExampleNames"/>), e.g. for `serve` without a file.</summary>
    public static Scenario LoadExample(string name)
    {
        using var stream = typeof(ScenarioLoader).Assembly.GetManifestResourceStream(ExamplePrefix + name + ".yaml")
            ?? throw new ArgumentException($"no shipped scenario '{name}'; shipped: {string.Join(", ", ExampleNames)}", nameof(name));
        using var reader = new StreamReader(stream);
        return LoadText(reader.ReadToEnd(), $"examples/{name}.yaml");
    }

    /// <summary>Reads a shipped example's text, for printing or copying as a starting point.</summary>
    public static string ExampleText(string name)
    {
        using var stream = typeof(ScenarioLoader).Assembly.GetManifestResourceStream(ExamplePrefix + name + ".yaml")
            ?? throw new ArgumentException($"no shipped scenario '{name}'; shipped: {string.Join(", ", ExampleNames)}", nameof(name));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

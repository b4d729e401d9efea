using System.Text.RegularExpressions;

namespace EStreamer.Scenarios.Tests.Loading;

/// <summary>Every YAML example in docs/scenarios.md loads, so the reference cannot drift from the loader.</summary>
public sealed partial class DocumentationTests
{
    private static IEnumerable<TestCaseData> Blocks()
    {
        var text = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "scenarios.md"));
        var index = 0;
        foreach (Match match in YamlBlock().Matches(text))
        {
            index++;
            var yaml = match.Groups["yaml"].Value;

            // The overview block uses "{ ... }" placeholders; it shows shape, not content.
            if (yaml.Contains("{ ... }", StringComparison.Ordinal) || yaml.TrimStart().StartsWith("# yaml-language-server", StringComparison.Ordinal))
            {
                continue;
            }

            // Fragments: a bare timeline step gets its list around it; every block gets a name.
            if (yaml.StartsWith("  - ", StringComparison.Ordinal))
            {
                yaml = "timeline:\n" + yaml;
            }

            if (!yaml.Contains("\nname:", StringComparison.Ordinal) && !yaml.StartsWith("name:", StringComparison.Ordinal))
            {
                yaml = "name: doc-example\n" + yaml;
            }

            yield return new TestCaseData(yaml).SetName($"Documentation example {index} loads and compiles");
        }
    }

    [TestCaseSource(nameof(Blocks))]
    public void Documentation_example_loads_and_compiles(string yaml)
    {
        var scenario = ScenarioLoader.LoadText(yaml, "scenarios.md");

        Assert.That(() => scenario.Compile(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero)).Events.Take(50).ToList(), Throws.Nothing);
    }

    [GeneratedRegex("```yaml\n(?<yaml>.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}

namespace EStreamer.Scenarios.Tests.Loading;

/// <summary>Texts built to exhaust the YAML reader are refused at the place the limit is passed, in the same process.</summary>
public sealed class YamlLimitTests
{
    [Test]
    public void Sixty_thousand_nested_flow_brackets_are_refused_at_the_first_one_too_deep()
    {
        var yaml = "name: x\ntimeline: " + new string('[', 60_000) + new string(']', 60_000) + "\n";
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadText(yaml, "request"));

        // 'timeline:' opens the root mapping (depth 1); the 64th bracket is depth 65, at column 11 + 63.
        Assert.That(error!.Errors.Select(e => e.ToString()), Is.EqualTo(new[] { $"request:2:{11 + YamlLimits.MaxDepth - 1}: nesting deeper than {YamlLimits.MaxDepth}" }));
    }

    [Test]
    public void Block_sequences_nested_on_one_line_are_refused_too()
    {
        var yaml = "name: x\ntimeline:\n" + string.Concat(Enumerable.Repeat("- ", 30_000)) + "x\n";
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadText(yaml, "deep.yaml"));
        Assert.That(error!.Errors.Single().ToString(), Does.StartWith("deep.yaml:3:").And.EndWith($": nesting deeper than {YamlLimits.MaxDepth}"));
    }

    [Test]
    public void Nesting_up_to_the_limit_is_read_as_YAML()
    {
        // Depth exactly the limit: the loader gets past YAML and complains about the scenario's shape instead.
        var yaml = "name: x\ntimeline: " + new string('[', YamlLimits.MaxDepth - 1) + new string(']', YamlLimits.MaxDepth - 1) + "\n";
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadText(yaml, "request"));
        Assert.That(error!.Errors.Select(e => e.Message), Has.None.Contains("nesting"));
    }

    [Test]
    public void A_text_longer_than_the_limit_is_refused_before_parsing()
    {
        var yaml = "name: x\ndescription: " + new string('a', YamlLimits.MaxTextLength) + "\n";
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadText(yaml, "big.yaml"));
        Assert.That(error!.Errors.Single().ToString(), Is.EqualTo($"big.yaml:1:1: text longer than {YamlLimits.MaxTextLength} characters"));
    }

    [Test]
    public void A_file_larger_than_the_limit_is_refused_without_reading_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"estreamer-big-{Guid.NewGuid():N}.yaml");
        try
        {
            using (var file = File.Create(path))
            {
                file.SetLength(YamlLimits.MaxTextLength + 1L);
            }

            var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadFile(path));
            Assert.That(error!.Errors.Single().ToString(), Is.EqualTo($"{path}:1:1: file larger than {YamlLimits.MaxTextLength} bytes"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

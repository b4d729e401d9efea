using System.Text.Json;
using EStreamer.Scenarios.Loading;
using EStreamer.Scenarios.Model;

namespace EStreamer.Scenarios.Tests.Loading;

/// <summary>
/// The JSON Schema is for editors; the loader is what runs. These tests keep the two describing the same keys
/// and names, so an editor never accepts a key the loader rejects or flags one it accepts.
/// </summary>
public sealed class SchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "scenario.schema.json"))).RootElement;

    private static IEnumerable<TestCaseData> Sections()
    {
        yield return Case("the scenario", Schema, ScenarioParser.RootKeys);
        yield return Case("server", Def("server"), ScenarioParser.ServerKeys);
        yield return Case("metadata", Def("metadata"), ScenarioParser.MetadataKeys);
        yield return Case("device", Def("device"), ScenarioParser.DeviceKeys);
        yield return Case("classification", Def("classification"), ScenarioParser.ClassificationKeys);
        yield return Case("priority", Def("priority"), ScenarioParser.PriorityKeys);
        yield return Case("intrusion policy", Def("intrusion-policy"), ScenarioParser.IntrusionPolicyKeys);
        yield return Case("access policy", Def("access-policy"), ScenarioParser.AccessPolicyKeys);
        yield return Case("access rule", Def("access-rule"), ScenarioParser.AccessRuleKeys);
        yield return Case("rule", Def("rule"), ScenarioParser.RuleKeys);
        yield return Case("user", Def("user"), ScenarioParser.UserKeys);
        yield return Case("timeline step", Def("step"), ScenarioParser.StepKeys);
        yield return Case("packet", Def("packet").GetProperty("oneOf")[1], ScenarioParser.PacketKeys);
        yield return Case("extra-data item", Def("extra-data-item"), ScenarioParser.ExtraDataKeys);
        yield return Case("traffic block", Def("traffic-block"), ScenarioParser.TrafficKeys);
        yield return Case("fault", Def("fault"), ScenarioParser.AllFaultKeys);
        // A record step's keys depend on its type, so only its 'type' is fixed (RecordStepTests covers the rest).
        foreach (var (name, kind) in Names.EventKinds.Where(k => k.Value != EventKind.Record))
        {
            yield return Case($"{name} event", Def($"{name}-event").GetProperty("oneOf")[1], ScenarioParser.FieldKeys[kind]);
        }
    }

    private static IEnumerable<TestCaseData> Enumerations()
    {
        yield return Enumeration("server families", Def("server").GetProperty("properties").GetProperty("families").GetProperty("items"), Names.ServerFamilies.Keys);
        yield return Enumeration("fault kinds", Def("fault").GetProperty("properties").GetProperty("kind"), Names.FaultKinds.Keys);
        yield return Enumeration("discovery types", Def("discovery-event").GetProperty("oneOf")[1].GetProperty("properties").GetProperty("type"), Names.DiscoveryKinds.Keys);
        yield return Enumeration("extra-data types", Def("extra-data-item").GetProperty("properties").GetProperty("type"), Names.ExtraDataTypes.Keys);
        yield return Enumeration(
            "traffic families",
            Def("traffic-block").GetProperty("properties").GetProperty("families").GetProperty("oneOf")[0].GetProperty("items"),
            Names.EventKinds.Keys);
    }

    [TestCaseSource(nameof(Sections))]
    public void Schema_and_loader_allow_the_same_keys(JsonElement section, string[] loaderKeys)
    {
        var schemaKeys = section.GetProperty("properties").EnumerateObject().Select(p => p.Name);

        Assert.That(schemaKeys, Is.EquivalentTo(loaderKeys));
        Assert.That(section.GetProperty("additionalProperties").GetBoolean(), Is.False, "unknown keys are errors in both");
    }

    [TestCaseSource(nameof(Enumerations))]
    public void Schema_and_loader_know_the_same_names(JsonElement enumeration, string[] loaderNames)
    {
        var schemaNames = enumeration.GetProperty("enum").EnumerateArray().Select(e => e.GetString());

        Assert.That(schemaNames, Is.EquivalentTo(loaderNames));
    }

    [Test]
    public void Schema_is_draft_2020_12()
    {
        Assert.That(Schema.GetProperty("$schema").GetString(), Is.EqualTo("https://json-schema.org/draft/2020-12/schema"));
    }

    private static JsonElement Def(string name) => Schema.GetProperty("$defs").GetProperty(name);

    private static TestCaseData Case(string name, JsonElement section, IEnumerable<string> keys) =>
        new TestCaseData(section, keys.ToArray()).SetName($"Schema and loader agree on the keys of {name}");

    private static TestCaseData Enumeration(string name, JsonElement element, IEnumerable<string> names) =>
        new TestCaseData(element, names.ToArray()).SetName($"Schema and loader agree on the {name}");
}

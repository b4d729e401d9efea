using System.Net;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Discovery;
using EStreamer.Protocol.Records.Layouts;
using EStreamer.Protocol.Records.Metadata;
using EStreamer.Scenarios.Tests.Support;

namespace EStreamer.Scenarios.Tests.Loading;

/// <summary>The <c>record</c> step: any catalogue record by type, with fields set by their layout names.</summary>
public sealed class RecordStepTests
{
    private const string File = "records.yaml";

    private static IReadOnlyList<IRecord> Records(string timeline)
    {
        var scenario = ScenarioLoader.LoadText("name: r\nseed: 3\ntimeline:\n" + timeline, File);
        return scenario.Compile(Plans.Start).Events.Select(e => e.Record).ToList();
    }

    [Test]
    public void Fields_set_in_YAML_land_in_the_record_and_the_rest_is_filled()
    {
        var records = Records("""
              - at: 1s
                record:
                  type: vlan-tag-update
                  host-ip: 10.1.0.20
                  vlan: { vlan-id: 300, priority: 5 }
            """);

        var record = (LayoutRecord)records.Single();
        var vlan = record.Values.Nested("vlan")!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(record.RecordType, Is.EqualTo(RecordType.VlanTagUpdate));
            Assert.That(vlan.Number("vlan-id"), Is.EqualTo(300));
            Assert.That(vlan.Number("priority"), Is.EqualTo(5));
            Assert.That(vlan.ContainsKey("type"), Is.True, "an unset field is filled");
            Assert.That(record.Header!.HostIp, Is.EqualTo(IPAddress.Parse("10.1.0.20")));
            Assert.That(record.Header.EventSubtype, Is.EqualTo(18), "VLAN tag update is change event 1001/18");
            Assert.That(record.Header.EventSecond, Is.EqualTo((uint)Plans.Start.ToUnixTimeSeconds() + 1));
        }
    }

    [Test]
    public void A_record_type_is_named_by_number_too()
    {
        var records = Records("""
              - at: 1s
                record: { type: 160, ioc: { value: 42 } }
              - at: 2s
                record: { type: 123, id: 7, name: fw-edge }
            """);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(((LayoutRecord)records[0]).Values.Nested("ioc")!.Number("value"), Is.EqualTo(42));
            Assert.That(records[1], Is.EqualTo(new IdNameRecord(RecordType.ManagedDevice, 7, "fw-edge")));
        }
    }

    [Test]
    public void A_discovery_record_describes_a_host_of_the_pool_with_its_own_MAC()
    {
        var records = Records("""
              - at: 1s
                record: { type: vlan-tag-update }
              - at: 2s
                record: { type: netbios-name-change }
            """);

        foreach (var record in records.Cast<LayoutRecord>())
        {
            var header = record.Header!;
            Assert.That(header.MacAddress.AsSpan().ToArray(), Is.Not.EqualTo(new byte[6]), "the host's MAC, not zeros");
        }
    }

    private static IEnumerable<TestCaseData> Broken()
    {
        yield return Case("unknown type", "record: { type: vlan-tag-updat }", "records.yaml:5:21: unknown record type 'vlan-tag-updat'; did you mean 'vlan-tag-update'?");
        yield return Case("family with its own step", "record: { type: 400 }", "records.yaml:5:21: record 400 (intrusion-event) is not made by the 'record' step");
        yield return Case("unknown field", "record: { type: 34, vlam: { vlan-id: 1 } }", "records.yaml:5:25: unknown key 'vlam'");
        yield return Case("value too large", "record: { type: 34, vlan: { priority: 300 } }", "records.yaml:5:43: 'vlan.priority' must be between 0 and 255, got 300");
        yield return Case("no type", "record: { host-ip: 10.0.0.1 }", "records.yaml:5:13: 'record' needs 'type'");
    }

    private static TestCaseData Case(string name, string step, string expected) =>
        new TestCaseData("  - at: 1s\n    " + step + "\n", expected).SetName($"Broken record step: {name}");

    [TestCaseSource(nameof(Broken))]
    public void A_broken_record_step_is_reported_with_file_line_and_column(string timeline, string expected)
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadText("name: r\nseed: 3\ntimeline:\n" + timeline, File))!;

        Assert.That(error.Errors.Select(e => e.ToString()), Has.One.StartsWith(expected));
    }

    [Test]
    public void A_traffic_block_of_records_walks_the_whole_catalogue()
    {
        var scenario = ScenarioLoader.LoadText("name: r\nseed: 3\ntraffic:\n  - families: [record]\n    rate: 100\n    count: 2000\n", File);

        var types = scenario.Compile(Plans.Start).Events.Select(e => e.Record.RecordType).ToHashSet();

        Assert.That(types, Is.SupersetOf(RecordLayouts.All.Select(l => l.RecordType).Concat(IdNameRecord.RecordTypes).Concat(UuidNameRecord.RecordTypes)));
    }
}

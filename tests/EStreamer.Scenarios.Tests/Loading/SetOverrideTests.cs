using System.Net;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Discovery;
using EStreamer.Protocol.Records.Intrusion;
using EStreamer.Scenarios.Tests.Support;

namespace EStreamer.Scenarios.Tests.Loading;

/// <summary>A family step's <c>set</c>: any field of its hand-coded record by property name, the last word after generation.</summary>
public sealed class SetOverrideTests
{
    private const string File = "set.yaml";

    private static IReadOnlyList<IRecord> Records(string timeline) =>
        ScenarioLoader.LoadText("name: s\nseed: 5\ntimeline:\n" + timeline, File).Compile(Plans.Start).Events.Select(e => e.Record).ToList();

    [Test]
    public void Any_field_of_an_intrusion_event_can_be_set()
    {
        var records = Records("""
              - at: 1s
                intrusion:
                  source-ip: 198.51.100.7
                  set:
                    event-microsecond: 123456
                    mpls-label: 77
                    source-country: 840
                    network-analysis-policy-uuid: 8a3c1e52-1b7f-4d3a-9f6e-2c1d0b9a0002
            """);

        var intrusion = records.OfType<IntrusionEventRecord>().Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(intrusion.EventMicrosecond, Is.EqualTo(123456));
            Assert.That(intrusion.MplsLabel, Is.EqualTo(77));
            Assert.That(intrusion.SourceCountry, Is.EqualTo(840));
            Assert.That(intrusion.NetworkAnalysisPolicyUuid, Is.EqualTo(Guid.Parse("8a3c1e52-1b7f-4d3a-9f6e-2c1d0b9a0002")));
            Assert.That(intrusion.SourceIp, Is.EqualTo(IPAddress.Parse("198.51.100.7")), "the step's own fields still apply");
        }
    }

    [Test]
    public void A_nested_record_takes_its_own_fields()
    {
        var records = Records("""
              - at: 1s
                discovery:
                  type: hops-change
                  set:
                    value: 9
                    header: { event-subtype: 99, file-number: 3 }
            """);

        var hops = (HostValueRecord)records.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(hops.Value, Is.EqualTo(9));
            Assert.That(hops.Header.EventSubtype, Is.EqualTo(99));
            Assert.That(hops.Header.FileNumber, Is.EqualTo(3));
            Assert.That(hops.Header.EventType, Is.EqualTo(DiscoveryEventType.ChangeEvent), "fields not set keep their generated value");
        }
    }

    private static IEnumerable<TestCaseData> Broken()
    {
        yield return Case("unknown field", "intrusion: { set: { event-microsecnd: 1 } }", "set.yaml:5:25: unknown key 'event-microsecnd' in 'set'");
        yield return Case("value out of range", "intrusion: { set: { mpls-label: -1 } }", "set.yaml:5:37: 'set.mpls-label' must be between 0 and 4294967295, got -1");
        yield return Case("discovery without type", "discovery: { set: { value: 1 } }", "set.yaml:5:23: 'set' on a discovery event needs its 'type'");
        yield return Case("record type is the negotiation's", "intrusion: { set: { record-type: 104 } }", "set.yaml:5:25: unknown key 'record-type' in 'set'");
    }

    private static TestCaseData Case(string name, string step, string expected) =>
        new TestCaseData("  - at: 1s\n    " + step + "\n", expected).SetName($"Broken set: {name}");

    [TestCaseSource(nameof(Broken))]
    public void A_broken_set_is_reported_with_file_line_and_column(string timeline, string expected)
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadText("name: s\nseed: 5\ntimeline:\n" + timeline, File))!;

        Assert.That(error.Errors.Select(e => e.ToString()), Has.One.StartsWith(expected));
    }
}

using EStreamer.Protocol.Records;
using EStreamer.Scenarios.Tests.Support;

namespace EStreamer.Scenarios.Tests.Generators;

public sealed class GeneratedRecordRoundTripTests
{
    // Every family in one block, with every companion, so each generator's records pass through the codec.
    private const string EveryFamily = """
        name: every-family
        seed: 2024
        traffic:
          - rate: 1000
            count: 4000
            packets: true
            extra-data: true
            duplicate-rate: 0.02
        """;

    private static IEnumerable<TestCaseData> Sources()
    {
        yield return new TestCaseData("every-family").SetName("Generated traffic of every family survives the codec");
        foreach (var name in new[] { "all-event-types", "sid-remap", "quickstart" })
        {
            yield return new TestCaseData(name).SetName($"Records of {name} survive the codec");
        }
    }

    [TestCaseSource(nameof(Sources))]
    public void Every_generated_record_encodes_and_decodes_back_equal(string source)
    {
        var scenario = source == "every-family" ? ScenarioLoader.LoadText(EveryFamily, "every-family.yaml") : Plans.Example(source);
        var plan = scenario.Compile(Plans.Start);
        var records = plan.Metadata.Concat(plan.Events.Take(4000).Select(e => e.Record)).Concat(plan.Events.Take(4000).SelectMany(e => e.Metadata)).Distinct().ToList();

        var failures = new List<string>();
        foreach (var record in records)
        {
            var bytes = RecordCodec.WriteBody(record);
            var decoded = RecordCodec.ReadBody(record.RecordType, bytes);
            if (!decoded.Equals(record) || !RecordCodec.WriteBody(decoded).AsSpan().SequenceEqual(bytes))
            {
                failures.Add($"{record.RecordType}: {record}");
            }
        }

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void Generated_traffic_covers_every_record_type_the_generators_make()
    {
        var plan = ScenarioLoader.LoadText(EveryFamily, "every-family.yaml").Compile(Plans.Start);

        var types = plan.Events.Select(e => e.Record.RecordType).ToHashSet();

        Assert.That(types, Is.SupersetOf(new[]
        {
            RecordType.IntrusionEvent, RecordType.PacketData, RecordType.IntrusionExtraData, RecordType.IntrusionImpactAlert,
            RecordType.ConnectionStatistics, RecordType.FileEvent, RecordType.FileMalwareEvent, RecordType.MalwareEvent,
            RecordType.UserLogin, RecordType.CorrelationEvent, RecordType.HopsChange, RecordType.HostIpAddressChanged,
        }));
    }
}

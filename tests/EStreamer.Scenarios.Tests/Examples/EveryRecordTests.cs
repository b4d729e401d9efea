using EStreamer.Protocol.Records;
using EStreamer.Scenarios.Tests.Support;

namespace EStreamer.Scenarios.Tests.Examples;

/// <summary>
/// The shipped every-record scenario: within its first 30 seconds, every record type the library knows,
/// except the legacy forms a server makes for flag-only clients and the seven that records-encore-cannot-decode
/// carries; and each record reads back from its own bytes unchanged.
/// </summary>
public sealed class EveryRecordTests
{
    // Legacy forms: made from stored records for flag-only clients, never stored themselves.
    private static readonly RecordType[] LegacyForms =
    [
        RecordType.CorrelationEventLegacy, RecordType.CorrelationEventV5, RecordType.IntrusionEventVlan, RecordType.IntrusionEventIPv6Vlan,
    ];

    private static readonly uint[] LeftForTheOtherScenario = [18, 46, 47, 48, 53, 62, 106];

    [Test]
    public void Every_record_type_comes_within_30_seconds()
    {
        var plan = Plans.Example("every-record").Compile(Plans.Start);
        var early = plan.Events.TakeWhile(e => e.Offset < TimeSpan.FromSeconds(30)).ToList();
        var sent = early.SelectMany(e => e.Metadata.Append(e.Record)).Select(r => r.RecordType).ToHashSet();

        var expected = RecordCatalog.KnownTypes
            .Except(LegacyForms)
            .Where(t => !LeftForTheOtherScenario.Contains((uint)t));
        Assert.That(sent, Is.SupersetOf(expected));
    }

    [Test]
    public void The_other_scenario_carries_the_seven_left_out()
    {
        var plan = Plans.Example("records-encore-cannot-decode").Compile(Plans.Start);

        Assert.That(plan.Events.Select(e => (uint)e.Record.RecordType), Is.EquivalentTo(LeftForTheOtherScenario));
    }

    [Test]
    public void Every_record_reads_back_from_its_own_bytes()
    {
        var plan = Plans.Example("every-record").Compile(Plans.Start);
        foreach (var record in plan.Events.TakeWhile(e => e.Offset < TimeSpan.FromSeconds(30)).SelectMany(e => e.Metadata.Append(e.Record)))
        {
            var bytes = RecordCodec.WriteBody(record);
            var read = RecordCodec.ReadBody(record.RecordType, bytes);
            Assert.That(RecordCodec.WriteBody(read), Is.EqualTo(bytes), $"record {(uint)record.RecordType}");
            Assert.That(read, Is.Not.TypeOf<OpaqueRecord>(), $"record {(uint)record.RecordType} has a decoder");
        }
    }
}

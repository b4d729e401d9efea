using EStreamer.Protocol.Records;
using EStreamer.Scenarios.Generators;
using EStreamer.Scenarios.Tests.Support;

namespace EStreamer.Scenarios.Tests.Generators;

/// <summary>
/// A server holds a large history in memory: events that refer to the same metadata hold one list, and the
/// sharing never hands an event the wrong records.
/// </summary>
public sealed class SharedValuesTests
{
    [Test]
    public void Events_that_refer_to_the_same_metadata_hold_one_list()
    {
        var plan = Plans.Example("quickstart").WithTraffic(0, 5_000).Compile(Plans.Start);
        var events = plan.Events.ToList();

        var groups = events
            .Where(e => e.Metadata.Count > 0)
            .GroupBy(e => e.Metadata, MetadataList.SameRecords)
            .ToList();

        Assert.That(groups, Is.Not.Empty);
        Assert.That(groups.Select(g => g.Select(e => e.Metadata).Distinct(ReferenceEqualityComparer.Instance).Count()), Is.All.EqualTo(1));
        Assert.That(groups.Count, Is.LessThan(events.Count / 4), "distinct metadata lists");
    }

    [Test]
    public void Shared_metadata_lists_name_each_record_once_and_only_plan_metadata()
    {
        var plan = Plans.Example("quickstart").WithTraffic(0, 2_000).Compile(Plans.Start);
        var known = new HashSet<IRecord>(plan.Metadata, ReferenceEqualityComparer.Instance);

        foreach (var planned in plan.Events)
        {
            Assert.That(planned.Metadata.Distinct(ReferenceEqualityComparer.Instance).Count(), Is.EqualTo(planned.Metadata.Count));
            Assert.That(planned.Metadata.All(known.Contains), Is.True, $"{planned.Record.RecordType} refers to a record outside the plan's metadata");
        }
    }
}

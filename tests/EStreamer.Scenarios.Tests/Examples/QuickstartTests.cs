using System.Net;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Connection;
using EStreamer.Protocol.Records.Discovery;
using EStreamer.Protocol.Records.Intrusion;
using EStreamer.Protocol.Records.Users;
using EStreamer.Scenarios.Tests.Support;

namespace EStreamer.Scenarios.Tests.Examples;

/// <summary>
/// quickstart is what `serve` plays without a scenario: an hour of history (120 events, one every 30 s), then
/// one event per second, every family with its companions and metadata. Events are counted as distinct offsets
/// in the compiled plan: an event and its companions share one.
/// </summary>
public sealed class QuickstartTests
{
    private static readonly RecordType[] EventTypes =
    [
        RecordType.IntrusionEvent, RecordType.PacketData, RecordType.IntrusionExtraData, RecordType.IntrusionImpactAlert,
        RecordType.ConnectionStatistics, RecordType.FileEvent, RecordType.FileMalwareEvent, RecordType.MalwareEvent,
        RecordType.UserLogin, RecordType.CorrelationEvent,
    ];

    private static readonly RecordType[] MetadataTypes =
    [
        RecordType.ManagedDevice, RecordType.RuleMessage, RecordType.Classification, RecordType.Priority,
        RecordType.IntrusionPolicyName, RecordType.AccessControlPolicy, RecordType.AccessControlRule,
        RecordType.SecurityZoneName, RecordType.InterfaceName, RecordType.IntrusionExtraDataMetadata, RecordType.CloudName,
        RecordType.Geolocation, RecordType.User,
    ];

    private static Scenario Quickstart => ScenarioLoader.LoadExample("quickstart");

    [Test]
    public void Loads_as_an_endless_scenario_without_pinned_settings_or_faults()
    {
        var scenario = Quickstart;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(scenario.Name, Is.EqualTo("quickstart"));
            Assert.That(scenario.IsEndless, Is.True);
            Assert.That(scenario.Faults, Is.Empty);
            Assert.That(ScenarioLoader.ExampleNames, Does.Contain("quickstart"));
        }
    }

    [Test]
    public void History_is_120_events_one_every_30_seconds_over_the_past_hour_then_one_event_per_second()
    {
        var plan = Quickstart.Compile(Plans.Start);

        var history = HistoryOffsets(plan);
        var live = plan.Events.Select(e => e.Offset).SkipWhile(o => o < TimeSpan.Zero).TakeWhile(o => o < TimeSpan.FromMinutes(1)).Distinct().ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(history, Has.Count.EqualTo(120));
            Assert.That(history[0], Is.EqualTo(TimeSpan.FromHours(-1)));
            Assert.That(history[^1], Is.EqualTo(TimeSpan.FromSeconds(-30)));
            Assert.That(history.Zip(history.Skip(1), (a, b) => b - a).Distinct(), Is.EqualTo(new[] { TimeSpan.FromSeconds(30) }));
            Assert.That(live, Is.EqualTo(Enumerable.Range(0, 60).Select(s => TimeSpan.FromSeconds(s))));
        }
    }

    [Test]
    public void History_alone_holds_every_event_family_its_companions_and_their_metadata()
    {
        var history = Quickstart.Compile(Plans.Start).Events.TakeWhile(e => e.Offset < TimeSpan.Zero).ToList();

        var types = history.Select(e => e.Record.RecordType).ToHashSet();
        var metadata = history.SelectMany(e => e.Metadata).Select(r => r.RecordType).ToHashSet();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(types, Is.SupersetOf(EventTypes));
            Assert.That(history.Select(e => e.Record), Has.Some.InstanceOf<HostValueRecord>().Or.Some.InstanceOf<HostNoticeRecord>(), "discovery events");
            Assert.That(metadata, Is.SupersetOf(MetadataTypes));
        }
    }

    [Test]
    public void Every_intrusion_event_brings_its_packet_extra_data_and_impact_alert_with_its_identity()
    {
        // 2000 records and the rest of the last one's slot: an event's companions share its offset, so none is cut off.
        var events = Quickstart.Compile(Plans.Start).Events.Take(2100).ToList();
        var records = events.TakeWhile(e => e.Offset <= events[1999].Offset).Select(e => e.Record).ToList();

        var intrusions = records.OfType<IntrusionEventRecord>().ToList();
        Assert.That(intrusions, Is.Not.Empty);
        foreach (var intrusion in intrusions)
        {
            var alert = records.OfType<ImpactAlertRecord>().SingleOrDefault(a => a.EventId == intrusion.EventId);
            var packet = records.OfType<PacketRecord>().SingleOrDefault(p => p.EventId == intrusion.EventId);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(alert, Is.Not.Null, $"impact alert of event {intrusion.EventId}");
                Assert.That(alert?.DeviceId, Is.EqualTo(intrusion.DeviceId));
                Assert.That(alert?.SourceIp, Is.EqualTo(intrusion.SourceIp));
                Assert.That(alert?.DestinationIp, Is.EqualTo(intrusion.DestinationIp));
                Assert.That(alert?.Impact, Is.EqualTo(intrusion.ImpactFlags));
                Assert.That(packet?.DeviceId, Is.EqualTo(intrusion.DeviceId), $"packet of event {intrusion.EventId}");
                Assert.That(records.OfType<ExtraDataRecord>().Where(x => x.EventId == intrusion.EventId).Select(x => x.DeviceId), Is.All.EqualTo(intrusion.DeviceId));
            }
        }

        Assert.That(records.OfType<ExtraDataRecord>().Select(x => x.EventId).Distinct(), Is.SubsetOf(intrusions.Select(i => i.EventId)));
    }

    [Test]
    public void Each_host_keeps_one_mac_and_connections_start_from_inside_hosts()
    {
        var plan = Quickstart.Compile(Plans.Start);
        var macs = plan.Hosts.ToDictionary(h => h.Address, h => Convert.ToHexString(h.MacAddress.AsSpan()));
        var records = plan.Events.Take(3000).Select(e => e.Record).ToList();

        var headers = records.Select(r => r switch
        {
            ConnectionStatisticsRecord c => c.Header,
            UserActivityRecord u => u.Header,
            HostValueRecord v => v.Header,
            HostNoticeRecord n => n.Header,
            _ => null,
        }).OfType<DiscoveryHeader>().ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(headers, Is.Not.Empty);
            Assert.That(headers.Select(h => (h.HostIp, Convert.ToHexString(h.MacAddress.AsSpan()))), Is.All.Matches<(IPAddress Ip, string Mac)>(p => macs.GetValueOrDefault(p.Ip) == p.Mac));
            Assert.That(records.OfType<ConnectionStatisticsRecord>().Select(c => c.InitiatorIp), Is.All.Matches<IPAddress>(macs.ContainsKey));
        }
    }

    [Test]
    public void Same_seed_gives_the_same_records_and_another_seed_other_records()
    {
        var scenario = Quickstart.WithTraffic(3, 40);

        var first = Plans.EncodedRecords(scenario.Compile(Plans.Start), 400);
        var again = Plans.EncodedRecords(scenario.Compile(Plans.Start), 400);
        var other = Plans.EncodedRecords(scenario.WithSeed(scenario.Seed + 1).Compile(Plans.Start), 400);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(again, Is.EqualTo(first));
            Assert.That(other, Is.Not.EqualTo(first));
        }
    }

    [Test]
    public void Rate_and_history_overrides_change_the_number_of_events_and_keep_the_spans()
    {
        var plan = Quickstart.WithTraffic(eventsPerSecond: 5, historyEvents: 10).Compile(Plans.Start);

        var history = HistoryOffsets(plan);
        var firstTenSeconds = plan.Events.Select(e => e.Offset).SkipWhile(o => o < TimeSpan.Zero).TakeWhile(o => o < TimeSpan.FromSeconds(10)).Distinct().Count();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(history, Is.EqualTo(Enumerable.Range(0, 10).Select(i => TimeSpan.FromHours(-1) + TimeSpan.FromSeconds(360 * i))));
            Assert.That(firstTenSeconds, Is.EqualTo(50));
        }
    }

    [Test]
    public void Zero_rate_and_history_leave_nothing_to_play()
    {
        var scenario = Quickstart.WithTraffic(eventsPerSecond: 0, historyEvents: 0);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(scenario.IsEndless, Is.False);
            Assert.That(scenario.Compile(Plans.Start).Events, Is.Empty);
        }
    }

    [Test]
    public void Zero_rate_keeps_only_the_history()
    {
        var scenario = Quickstart.WithTraffic(eventsPerSecond: 0, historyEvents: null);

        var offsets = scenario.Compile(Plans.Start).Events.Select(e => e.Offset).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(scenario.IsEndless, Is.False);
            Assert.That(offsets.Distinct().Count(), Is.EqualTo(120));
            Assert.That(offsets, Is.All.LessThan(TimeSpan.Zero));
        }
    }

    [Test]
    public void No_override_gives_the_scenario_as_written()
    {
        var written = Plans.EncodedRecords(Quickstart.Compile(Plans.Start), 500);

        var unchanged = Plans.EncodedRecords(Quickstart.WithTraffic(null, null).Compile(Plans.Start), 500);

        Assert.That(unchanged, Is.EqualTo(written));
    }

    [Test]
    public void Negative_rate_is_refused()
    {
        Assert.That(() => Quickstart.WithTraffic(-1, null), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    private static List<TimeSpan> HistoryOffsets(ScenarioPlan plan) =>
        plan.Events.Select(e => e.Offset).TakeWhile(o => o < TimeSpan.Zero).Distinct().ToList();
}

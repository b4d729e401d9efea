using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Connection;
using EStreamer.Protocol.Records.Correlation;
using EStreamer.Protocol.Records.Intrusion;
using EStreamer.Protocol.Records.Metadata;
using EStreamer.Scenarios.Tests.Support;

namespace EStreamer.Scenarios.Tests.Transforms;

public sealed class PlanTests
{
    [TestCase("quickstart")]
    [TestCase("all-event-types")]
    [TestCase("duplicates-on-reconnect")]
    public void Same_scenario_seed_and_start_give_identical_bytes(string name)
    {
        var first = Plans.EncodedRecords(Plans.Example(name).Compile(Plans.Start), 2000);
        var second = Plans.EncodedRecords(Plans.Example(name).Compile(Plans.Start), 2000);

        Assert.That(second, Is.EqualTo(first));
    }

    // What a seed produces is part of the scenario format's promise: a client's test that recorded a run must see
    // the same run after the emulator changes. These pins were taken from the shipped examples; a change that
    // moves any offset, record byte, metadata list or duplicate of their first 30,000 events fails here.
    [TestCase("quickstart", "D7D39AEE63D91438127CF6F17D505633")]
    [TestCase("every-record", "AF0B8E45F87EF55115D4F35614E5972C")]
    [TestCase("duplicates-on-reconnect", "9169FEEC93FD7EEC3C92C6F6B81FF5F9")]
    public void What_a_seed_produces_stays_the_same(string name, string pinned)
    {
        using var digest = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var planned in Plans.Example(name).Compile(Plans.Start).Events.Take(30_000))
        {
            digest.AppendData(BitConverter.GetBytes(planned.Offset.Ticks));
            digest.AppendData(BitConverter.GetBytes((uint)planned.Record.RecordType));
            digest.AppendData(Plans.Bytes(planned.Record));
            foreach (var metadata in planned.Metadata)
            {
                digest.AppendData(Plans.Bytes(metadata));
            }

            digest.AppendData(BitConverter.GetBytes(planned.IsDuplicate));
        }

        Assert.That(Convert.ToHexString(digest.GetHashAndReset())[..32], Is.EqualTo(pinned));
    }

    [Test]
    public void Enumerating_one_plan_twice_gives_identical_bytes()
    {
        var plan = Plans.Example("quickstart").Compile(Plans.Start);
        var first = Plans.EncodedRecords(plan, 1000);

        var second = Plans.EncodedRecords(plan, 1000);

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Different_seeds_give_different_records()
    {
        var scenario = Plans.Example("quickstart");

        var first = Plans.EncodedRecords(scenario.Compile(Plans.Start), 200);
        var second = Plans.EncodedRecords(scenario.WithSeed(scenario.Seed + 1).Compile(Plans.Start), 200);

        Assert.That(second, Is.Not.EqualTo(first));
    }

    [Test]
    public void Event_seconds_are_start_plus_offset()
    {
        var plan = Plans.Example("all-event-types").Compile(Plans.Start);
        var intrusion = plan.Events.First(e => e.Id == "struts-hit" && e.Record is IntrusionEventRecord);
        var connection = plan.Events.Select(e => e.Record).OfType<ConnectionStatisticsRecord>().First();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(intrusion.Offset, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(((IntrusionEventRecord)intrusion.Record).EventSecond, Is.EqualTo((uint)Plans.Start.ToUnixTimeSeconds() + 1));
            Assert.That(connection.Header.EventSecond, Is.EqualTo((uint)Plans.Start.ToUnixTimeSeconds() + 10));
            Assert.That(connection.LastPacketSecond - connection.FirstPacketSecond, Is.EqualTo(45u));
        }
    }

    [Test]
    public void Generated_event_seconds_follow_the_offset_and_microseconds_lie_within_the_slot()
    {
        var plan = ScenarioLoader.LoadText("name: x\ntraffic:\n  - families: [connection]\n    rate: 4\n    start: -10s\n    count: 8\n", "t.yaml").Compile(Plans.Start);

        var stamps = plan.Events.Select(e => ((ConnectionStatisticsRecord)e.Record).Header).Select(h => (h.EventSecond, h.EventMicrosecond)).ToList();

        // Slot i is at start - 10 s + i / 4 s; its event is stamped a seeded amount later, before the next slot.
        var start = (uint)Plans.Start.ToUnixTimeSeconds();
        using (Assert.EnterMultipleScope())
        {
            for (var i = 0; i < 8; i++)
            {
                var slotMicrosecond = (uint)(i % 4 * 250_000);
                Assert.That(stamps[i].EventSecond, Is.EqualTo(start - 10 + (uint)(i / 4)), $"second of slot {i}");
                Assert.That(stamps[i].EventMicrosecond, Is.InRange(slotMicrosecond, slotMicrosecond + 249_999u), $"microsecond of slot {i}");
            }

            Assert.That(stamps.Select(s => s.EventMicrosecond % 250_000).Distinct().Count(), Is.GreaterThan(1), "offsets within the slots differ");
        }
    }

    [Test]
    public void Negative_offsets_come_first_as_history()
    {
        var events = Plans.Example("duplicates-on-reconnect").Compile(Plans.Start).Events.Take(700).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(events[0].Offset, Is.EqualTo(TimeSpan.FromMinutes(-10)));
            Assert.That(events.Count(e => e.Offset < TimeSpan.Zero), Is.GreaterThanOrEqualTo(600));
        }
    }

    [Test]
    public void Rate_block_offsets_are_exactly_i_over_rate()
    {
        const int count = 5000;
        var scenario = ScenarioLoader.LoadText($"name: x\ntraffic:\n  - families: [connection]\n    rate: 100000\n    count: {count}\n", "rate.yaml");

        var offsets = scenario.Compile(Plans.Start).Events.Select(e => e.Offset).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(offsets, Has.Count.EqualTo(count));
            Assert.That(offsets, Is.EqualTo(Enumerable.Range(0, count).Select(i => TimeSpan.FromTicks(i * 100L))));

            // N events at 100,000/s span N / 100,000 s: the last sits one interval before that.
            Assert.That(offsets[^1] + TimeSpan.FromTicks(100), Is.EqualTo(TimeSpan.FromSeconds(count / 100_000.0)));
        }
    }

    [Test]
    public void Rate_that_does_not_divide_a_second_rounds_each_slot_not_the_sum()
    {
        var scenario = ScenarioLoader.LoadText("name: x\ntraffic:\n  - families: [discovery]\n    rate: 3\n    duration: 10s\n", "rate.yaml");

        var offsets = scenario.Compile(Plans.Start).Events.Select(e => e.Offset).ToList();

        Assert.That(offsets, Has.Count.EqualTo(30));
        Assert.That(offsets[3], Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(offsets[29], Is.EqualTo(TimeSpan.FromTicks(96_666_667)));
    }

    [Test]
    public void Endless_traffic_stays_lazy()
    {
        var scenario = Plans.Example("high-rate");

        var events = scenario.Compile(Plans.Start).Events.Take(20_000).ToList();

        Assert.That(scenario.IsEndless, Is.True);
        Assert.That(events, Has.Count.EqualTo(20_000));
        Assert.That(events[^1].Offset, Is.EqualTo(TimeSpan.FromTicks(19_999 * 100L)));
    }

    [Test]
    public void Resend_step_yields_the_same_record_with_identical_bytes()
    {
        var events = Plans.Example("duplicates-on-reconnect").Compile(Plans.Start).Events.TakeWhile(e => e.Offset <= TimeSpan.FromMinutes(1)).ToList();
        var alerts = events.Where(e => e.Id == "first-alert" && e.Record is IntrusionEventRecord).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(alerts.Select(e => (e.Offset, e.IsDuplicate)), Is.EqualTo(new[]
            {
                (TimeSpan.FromMinutes(-10), false), (TimeSpan.FromSeconds(5), true), (TimeSpan.FromSeconds(30), true),
            }));
            Assert.That(alerts[1].Record, Is.SameAs(alerts[0].Record));
            Assert.That(Plans.Bytes(alerts[2].Record), Is.EqualTo(Plans.Bytes(alerts[0].Record)));
            Assert.That(events.Count(e => e.Id == "first-alert" && e.Record is PacketRecord), Is.EqualTo(3), "the packet is resent with its event");
        }
    }

    [Test]
    public void Duplicate_rate_repeats_earlier_generated_records()
    {
        var scenario = ScenarioLoader.LoadText("name: x\ntraffic:\n  - families: [connection]\n    rate: 100\n    count: 2000\n    duplicate-rate: 0.1\n", "d.yaml");

        var events = scenario.Compile(Plans.Start).Events.ToList();
        var duplicates = events.Where(e => e.IsDuplicate).ToList();
        var originals = events.Where(e => !e.IsDuplicate).Select(e => e.Record).ToHashSet(ReferenceEqualityComparer.Instance);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(events, Has.Count.EqualTo(2000), "a duplicate takes a slot, so the rate holds");
            Assert.That(duplicates.Count, Is.InRange(120, 280));
            Assert.That(duplicates.All(d => originals.Contains(d.Record)), Is.True);
            Assert.That(duplicates.All(d => events.First(e => ReferenceEquals(e.Record, d.Record)).Offset < d.Offset), Is.True);
        }
    }

    [Test]
    public void Sid_remap_example_renders_31337_while_events_carry_the_internal_rule_id()
    {
        var plan = Plans.Example("sid-remap").Compile(Plans.Start);
        var rule = plan.Metadata.OfType<RuleMessageRecord>().Single(r => r.RuleId == 1_000_001);
        var events = plan.Events.Take(40).ToList();
        var scripted = events.Where(e => e.Id is "by-key" or "by-rendered-sid" or "by-internal-id").Select(e => e.Record).OfType<IntrusionEventRecord>().ToList();
        var generated = events.Where(e => e.Id is null).Select(e => e.Record).OfType<IntrusionEventRecord>().ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rule.RenderedSignatureId, Is.EqualTo(31337u));
            Assert.That(rule.RenderedSignatureId, Is.Not.EqualTo(rule.RuleId));
            Assert.That(scripted, Has.Count.EqualTo(3));
            Assert.That(scripted.Select(r => (r.GeneratorId, r.RuleId, r.RuleRevision)), Is.All.EqualTo((1u, 1_000_001u, 2u)));
            Assert.That(events.Where(e => e.Id == "by-rendered-sid").First().Metadata, Has.Member(rule));
            Assert.That(events.Select(e => e.Record).OfType<CorrelationEventRecord>().Single().SignatureId, Is.EqualTo(1_000_001u));
            Assert.That(generated.Select(r => r.RuleId).Distinct(), Is.SubsetOf(new[] { 1_000_001u, 1_000_002u, 2_019_401u }));
            Assert.That(generated.Select(r => r.RuleId), Has.Some.EqualTo(1_000_001u), "generated traffic uses remapped rules too");
        }
    }

    [Test]
    public void Given_fields_win_over_generated_ones()
    {
        var plan = Plans.Example("all-event-types").Compile(Plans.Start);
        var events = plan.Events.ToList();
        var intrusion = (IntrusionEventRecord)events.First(e => e.Id == "struts-hit").Record;
        var alert = events.Select(e => e.Record).OfType<ImpactAlertRecord>().Single();
        var extra = events.Select(e => e.Record).OfType<ExtraDataRecord>().ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(intrusion.DeviceId, Is.EqualTo(11u));
            Assert.That(intrusion.SourceIp.ToString(), Is.EqualTo("203.0.113.50"));
            Assert.That(intrusion.DestinationPortOrIcmpCode, Is.EqualTo((ushort)80));
            Assert.That(intrusion.Blocked, Is.EqualTo((byte)1));
            Assert.That(intrusion.Impact, Is.EqualTo((byte)1), "impact level follows the given flags");
            Assert.That(intrusion.HttpUri, Is.EqualTo("/struts2-showcase/index.action"));
            Assert.That((alert.DeviceId, alert.EventId, alert.EventSecond), Is.EqualTo((intrusion.DeviceId, intrusion.EventId, intrusion.EventSecond)));
            Assert.That(extra.Select(x => x.ExtraDataType), Is.EqualTo(new[] { 9u, 2u }));
            Assert.That(extra[1].Data.AsSpan().ToArray(), Is.EqualTo(System.Net.IPAddress.Parse("198.51.100.77").MapToIPv6().GetAddressBytes()), "an IPv4 original client as ::ffff:a.b.c.d");
            Assert.That(extra.All(x => x.EventId == intrusion.EventId), Is.True);
        }
    }

    [Test]
    public void Event_ids_are_unique_across_timeline_and_traffic()
    {
        var events = Plans.Example("duplicates-on-reconnect").Compile(Plans.Start).Events.Take(3000).Where(e => !e.IsDuplicate).ToList();

        var ids = events.Select(e => e.Record).OfType<IntrusionEventRecord>().Select(r => r.EventId).ToList();

        Assert.That(ids, Is.Unique);
    }

    [Test]
    public void Absolute_timestamps_become_offsets_from_the_start()
    {
        var scenario = ScenarioLoader.LoadText("name: x\ntimeline:\n  - at: 2025-06-01T11:00:00Z\n    file: {}\n  - after: 90s\n    file: {}\n  - at: '@1748779200'\n    file: {}\n", "abs.yaml");

        var offsets = scenario.Compile(Plans.Start).Events.Select(e => e.Offset).ToList();

        Assert.That(offsets, Is.EqualTo(new[] { TimeSpan.FromHours(-1), TimeSpan.FromHours(-1) + TimeSpan.FromSeconds(90), TimeSpan.Zero }));
    }

    [Test]
    public void Every_event_metadata_record_is_among_the_plan_metadata()
    {
        var plan = Plans.Example("quickstart").Compile(Plans.Start);
        var known = plan.Metadata.ToHashSet(ReferenceEqualityComparer.Instance);

        var referenced = plan.Events.Take(3000).SelectMany(e => e.Metadata).Distinct().ToList();

        Assert.That(referenced.Where(r => !known.Contains(r)), Is.Empty);
        Assert.That(referenced.Select(r => r.RecordType), Has.Member(RecordType.RuleMessage).And.Member(RecordType.ManagedDevice));
    }

    [Test]
    public void Plan_exposes_the_hosts_generated_events_talk_about()
    {
        var plan = Plans.Example("quickstart").Compile(Plans.Start);
        var addresses = plan.Hosts.Select(h => h.Address).ToHashSet();

        var initiators = plan.Events.Take(500).Select(e => e.Record).OfType<ConnectionStatisticsRecord>().Select(c => c.InitiatorIp).ToList();

        Assert.That(plan.Hosts, Has.Count.EqualTo(32));
        Assert.That(initiators, Is.Not.Empty.And.All.Matches<System.Net.IPAddress>(addresses.Contains));
    }
}

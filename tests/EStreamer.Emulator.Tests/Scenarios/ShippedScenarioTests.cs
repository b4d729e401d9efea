using System.Net;
using EStreamer.Emulator.Events;
using EStreamer.Emulator.Scenarios;
using EStreamer.Emulator.Server;
using EStreamer.Emulator.Tests.Support;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Negotiation;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Intrusion;
using EStreamer.Protocol.Records.Metadata;
using EStreamer.Scenarios;
using EStreamer.Scenarios.Loading;
using EStreamer.Scenarios.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EStreamer.Emulator.Tests.Scenarios;

/// <summary>
/// The shipped scenarios played by the real server and read by the protocol-based client over TLS.
/// Each is compiled with a start time in the past where its scripted steps lie ahead, so that they are
/// already history and the test need not wait for them; those that read live traffic run it on a fast
/// fake clock.
/// </summary>
[Parallelizable(ParallelScope.All)] // every test has its own emulator; several wait for their scenario's first live seconds
public sealed class ShippedScenarioTests
{
    [TestCaseSource(nameof(ShippedNames))]
    public async Task Every_shipped_scenario_starts_and_streams_records_the_protocol_client_decodes(string name)
    {
        // Started now: their history is what they script, and the first live events come within a few
        // scripted seconds. The clock moves in small steps: a firehose (high-rate) makes only what is due.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await StartOnFastClockAsync(name, clock, TimeSpan.Zero);
        await using var client = await emulator.ConnectAsync();
        await Requests.OpenExtendedAsync(client, 0, Requests.Encore52Entries);
        await using var driver = FakeClockDriver.Start(emulator, clock, TimeSpan.FromMilliseconds(10));
        var bundle = await client.ReceiveAsync<MessageBundle>();
        Assert.That(bundle.Items, Is.Not.Empty, name);
    }

    private static IEnumerable<string> ShippedNames() => ScenarioLoader.ExampleNames;

    [Test]
    public async Task All_event_types_delivers_a_record_of_every_family_with_its_metadata()
    {
        await using var emulator = await RunningEmulator.StartAsync(ScenarioLoader.LoadExample("all-event-types"), DateTimeOffset.UtcNow.AddMinutes(-2));
        await using var client = await emulator.ConnectAsync();
        await Requests.OpenExtendedAsync(client, 0, Requests.Encore52Entries);
        RecordType[] expected =
        [
            RecordType.IntrusionEvent, RecordType.PacketData, RecordType.IntrusionExtraData, RecordType.IntrusionImpactAlert,
            RecordType.ConnectionStatistics, RecordType.MalwareEvent, RecordType.UserLogin, RecordType.CorrelationEvent,
            RecordType.RuleMessage, RecordType.ManagedDevice,
        ];
        var bundles = await Requests.ReadBundlesAsync(client, read => Types(read).IsSupersetOf(expected) && Types(read).Overlaps([RecordType.FileEvent, RecordType.FileMalwareEvent]) && Types(read).Any(RecordFamilies.IsDiscoveryRecord));
        var records = bundles.SelectMany(b => b.Items).Select(i => i.Record).ToList();
        Assert.That(Types(bundles), Is.SupersetOf(expected));
        Assert.That(Types(bundles), Does.Contain(RecordType.FileEvent).Or.Contain(RecordType.FileMalwareEvent));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(records.OfType<OpaqueRecord>(), Is.Empty, "every record is of a known type");
            Assert.That(records.Any(r => RecordFamilies.IsDiscoveryRecord(r.RecordType)), Is.True, "a discovery record");
        }
    }

    [Test]
    public async Task Sid_remap_sends_the_rendered_sid_in_record_66_while_events_carry_the_rule_id()
    {
        await using var emulator = await RunningEmulator.StartAsync(ScenarioLoader.LoadExample("sid-remap"), DateTimeOffset.UtcNow.AddSeconds(-8));
        await using var client = await emulator.ConnectAsync();
        await Requests.OpenExtendedAsync(client, 0, Requests.Encore52Entries);
        var bundles = await Requests.ReadBundlesAsync(client, b => b.SelectMany(x => x.Items).Count(i => i.Record is IntrusionEventRecord) >= 5);
        var records = bundles.SelectMany(b => b.Items).Select(i => i.Record).ToList();
        var rule = records.OfType<RuleMessageRecord>().Single(r => r.RuleId == 1_000_001);
        var events = records.OfType<IntrusionEventRecord>().ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rule.RenderedSignatureId, Is.EqualTo(31337));
            Assert.That(rule.GeneratorId, Is.EqualTo(1));
            Assert.That(events.Count(e => e.RuleId == 1_000_001), Is.GreaterThanOrEqualTo(3), "by key, by rendered SID and by internal ID all carry the internal rule ID");
            Assert.That(events.Any(e => e.RuleId == 31337), Is.False, "no event carries the rendered SID");
            Assert.That(records.IndexOf(rule), Is.LessThan(records.IndexOf(events.First(e => e.RuleId == 1_000_001))), "record 66 before its event");
        }
    }

    [Test]
    public async Task Duplicates_on_reconnect_resends_the_scripted_event_byte_for_byte_then_again_after_the_reconnect()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await StartOnFastClockAsync("duplicates-on-reconnect", clock, TimeSpan.FromSeconds(-40));
        await using var driver = FakeClockDriver.Start(emulator, clock, TimeSpan.FromMilliseconds(100));
        var received = new List<EventData>();
        await using (var first = await emulator.ConnectAsync())
        {
            // Connection 1 is cut by the scenario after 200 messages; read until then.
            await Requests.OpenExtendedAsync(first, 0, Requests.Encore52Entries);
            while (await first.ReceiveAsync() is { } message)
            {
                if (message is MessageBundle bundle)
                {
                    received.AddRange(bundle.Items);
                    await first.SendAsync(NullMessage.Instance);
                }
            }
        }

        var firstAlert = received.First(i => i.Record is IntrusionEventRecord);
        var copies = received.Where(i => i.Record is IntrusionEventRecord && Encode(i.Record) == Encode(firstAlert.Record)).ToList();
        Assert.That(copies, Has.Count.EqualTo(3), "the original and the two scripted resends");
        Assert.That(copies.Select(c => c.ArchiveTimestamp).Distinct().Count(), Is.EqualTo(3), "each copy archived at its own time");
        await emulator.Logs.WaitForLineAsync(TestClient.DefaultTimeout, "GracefulDisconnect");

        // Reconnecting from the bookmark (highest archive timestamp handled) resends that second.
        var bookmark = received.Max(i => i.ArchiveTimestamp);
        var lastSecond = received.Where(i => i.ArchiveTimestamp == bookmark).Select(i => Encode(i.Record)).ToList();
        await using var second = await emulator.ConnectAsync();
        await Requests.OpenExtendedAsync(second, bookmark, Requests.Encore52Entries);
        var resent = (await second.ReceiveAsync<MessageBundle>()).Items.Where(i => i.ArchiveTimestamp == bookmark).Select(i => Encode(i.Record)).ToList();
        Assert.That(resent, Is.SupersetOf(lastSecond));
    }

    [Test]
    public async Task Unknown_records_sends_record_9999_right_after_the_20th_message_of_the_first_session()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await StartOnFastClockAsync("unknown-records", clock, TimeSpan.Zero);
        await using var client = await emulator.ConnectAsync();
        await Requests.OpenExtendedAsync(client, 0, Requests.Encore52Entries);
        await using var driver = FakeClockDriver.Start(emulator, clock, TimeSpan.FromMilliseconds(100));

        // The Streaming Information was message 1; bundles 2 to 20 are ordinary, the next carries the fault.
        var bundles = await Requests.ReadBundlesAsync(client, b => b.Count >= 20);
        var records = bundles.Select(b => b.Items.Select(i => i.Record).ToList()).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(records.Take(19).SelectMany(r => r).OfType<OpaqueRecord>(), Is.Empty);
            Assert.That(records[19].Single(), Is.TypeOf<OpaqueRecord>().With.Property(nameof(IRecord.RecordType)).EqualTo((RecordType)9999));
        }
    }

    [Test]
    public async Task Same_scenario_and_seed_give_byte_identical_streams_and_another_seed_differs()
    {
        // One start for the three runs; 300 events of history cover the 300 records compared.
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var scenario = ScenarioLoader.LoadExample("quickstart").WithTraffic(eventsPerSecond: null, historyEvents: 300);
        var first = await StreamBytesAsync(scenario, start);
        var again = await StreamBytesAsync(scenario, start);
        var other = await StreamBytesAsync(scenario.WithSeed(scenario.Seed + 1), start);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(again, Is.EqualTo(first));
            Assert.That(other, Is.Not.EqualTo(first));
        }
    }

    [Test]
    public async Task Built_in_traffic_is_quickstart_with_the_options_history_and_its_hosts_are_known()
    {
        var options = new EmulatorOptions { Seed = 5, HistoryEvents = 50, EventsPerSecond = 0 };
        var journal = new EventJournal();
        await using var traffic = new TrafficHost(journal, options, NullLoggerFactory.Instance);

        await traffic.StartBuiltInAsync();

        var plan = TrafficHost.BuiltIn(options).Compile(DateTimeOffset.UtcNow);
        var known = journal.Hosts(IPAddress.Parse("0.0.0.0"), IPAddress.Parse("255.255.255.255"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(traffic.Scenario?.Name, Is.EqualTo(TrafficHost.BuiltInScenario));
            Assert.That(journal.Count, Is.EqualTo(plan.Events.Count()), "the whole history, nothing live at rate 0");
            Assert.That(known.Select(h => (h.Address, h.NetBiosName)), Is.SupersetOf(plan.Hosts.Select(h => (h.Address, h.Name))));
            Assert.That(known.Select(h => h.MacAddress), Is.All.Property(nameof(Array.Length)).EqualTo(6));
        }
    }

    [Test]
    public async Task A_host_of_the_built_in_traffic_answers_a_host_data_request()
    {
        var scenario = BuiltInHistory.Of(seed: 8302, events: 20);
        var host = scenario.Compile(DateTimeOffset.UtcNow).Hosts[0];
        await using var emulator = await RunningEmulator.StartAsync(scenario, DateTimeOffset.UtcNow);
        await using var client = await emulator.ConnectAsync();
        await client.SendAsync(new EventStreamRequestMessage(0, RequestFlags.HostOnly));
        await client.SendAsync(new HostDataRequestMessage(6, 0, host.Address, host.Address, WideAddresses: true));

        var answer = await client.ReceiveAsync<HostDataMessage>();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(answer.MessageType, Is.EqualTo(MessageType.SingleHostData));
            Assert.That(new IPAddress(answer.ProfileBody.AsSpan()[..16]).MapToIPv4(), Is.EqualTo(host.Address));
        }
    }

    /// <summary>A shipped scenario started <paramref name="offset"/> from the clock's now, on that clock.</summary>
    private static Task<RunningEmulator> StartOnFastClockAsync(string name, FakeTimeProvider clock, TimeSpan offset) =>
        RunningEmulator.StartAsync(ScenarioLoader.LoadExample(name), clock.GetUtcNow() + offset, options =>
        {
            options.Time = clock;

            // The clock runs fast: a handshake slowed by a busy machine must not pass for a stuck one.
            options.HandshakeTimeout = TimeSpan.FromDays(1);
        });

    private static async Task<string[]> StreamBytesAsync(Scenario scenario, DateTimeOffset start)
    {
        await using var emulator = await RunningEmulator.StartAsync(scenario, start);
        await using var client = await emulator.ConnectAsync();
        await Requests.OpenExtendedAsync(client, 0, Requests.Encore52Entries);
        var bundles = await Requests.ReadBundlesAsync(client, b => b.Sum(x => x.Items.Count) >= 300);
        return bundles.SelectMany(b => b.Items).Take(300).Select(i => Encode(i.Record)).ToArray();
    }

    private static HashSet<RecordType> Types(IReadOnlyList<MessageBundle> bundles) =>
        bundles.SelectMany(b => b.Items).Select(i => i.Record.RecordType).ToHashSet();

    private static string Encode(IRecord record) => Convert.ToHexString(RecordCodec.WriteBody(record));
}

using EStreamer.Emulator.Tests.Support;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Negotiation;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Connection;
using EStreamer.Protocol.Records.Files;
using EStreamer.Protocol.Records.Intrusion;
using EStreamer.Protocol.Records.Metadata;
using EStreamer.Protocol.Records.Users;

namespace EStreamer.Emulator.Tests.Sessions;

/// <summary>
/// Request negotiation over real TLS on 127.0.0.1: plain and extended flows, the probe connection,
/// highest version wins, layouts per version and client profile, bit 23, server-side switches.
/// </summary>
public sealed class NegotiationTests
{
    private RunningEmulator _emulator = null!;

    [OneTimeSetUp]
    public async Task StartEmulator()
    {
        _emulator = await BuiltInHistory.StartAsync(seed: 7, events: 300, options => options.DisabledFamilies.Add(EventFamily.Correlation));
    }

    [OneTimeTearDown]
    public async Task StopEmulator() => await _emulator.DisposeAsync();

    [Test]
    public async Task Extended_request_is_answered_at_once_with_the_24_byte_streaming_information()
    {
        await using var client = await _emulator.ConnectAsync();
        await client.SendAsync(new EventStreamRequestMessage(EventStreamRequestMessage.FromNow, RequestFlags.EncoreDefault));
        var bytes = await client.ReceiveBytesAsync();
        Assert.That(Convert.ToHexString(bytes!), Is.EqualTo("000108030000001000001A0B000000080000000000000000"));
    }

    [Test]
    public async Task Probe_connection_that_hangs_up_after_one_message_leaves_the_server_serving()
    {
        await using (var probe = await _emulator.ConnectAsync())
        {
            await probe.SendAsync(new EventStreamRequestMessage(EventStreamRequestMessage.FromNow, RequestFlags.EncoreDefault));
            Assert.That(await probe.ReceiveAsync(), Is.InstanceOf<StreamingInformationMessage>());
        }

        await using var client = await _emulator.ConnectAsync();
        await Requests.OpenExtendedAsync(client, 0, Requests.Encore52Entries);
        var bundle = await client.ReceiveAsync<MessageBundle>();
        Assert.That(bundle.Items, Is.Not.Empty);
    }

    [Test]
    public async Task Encore_52_request_gets_bundles_with_the_newest_layouts_and_metadata_first()
    {
        await using var client = await _emulator.ConnectAsync();
        await Requests.OpenExtendedAsync(client, 0, Requests.Encore52Entries);
        var bundles = await Requests.ReadBundlesAsync(client, b => HasAll(b, RecordType.IntrusionEvent, RecordType.ConnectionStatistics, RecordType.FileEvent, RecordType.MalwareEvent, RecordType.User));
        var records = bundles.SelectMany(b => b.Items).Select(i => i.Record).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(bundles.Select(b => b.SequenceNumber), Is.EqualTo(Enumerable.Range(1, bundles.Count).Select(i => (uint)i)), "sequence numbers from 1");
            Assert.That(bundles.Select(b => b.ConnectionId).Distinct().Count(), Is.EqualTo(1));
            Assert.That(records.OfType<IntrusionEventRecord>().Select(r => r.BlockType).Distinct(), Is.EqualTo(new[] { 85u }));
            Assert.That(records.OfType<ConnectionStatisticsRecord>().Select(r => r.BlockType).Distinct(), Is.EqualTo(new[] { 174u }));
            Assert.That(records.OfType<FileEventRecord>().Select(r => r.BlockType).Distinct(), Is.EqualTo(new[] { 79u }));
            Assert.That(records.OfType<MalwareEventRecord>().Select(r => r.BlockType).Distinct(), Is.EqualTo(new[] { 80u }));
            Assert.That(records.OfType<UserRecord>().Select(r => r.BlockType).Distinct(), Is.EqualTo(new[] { UserRecord.Block57 }));
            Assert.That(records.Any(r => r.RecordType == RecordType.CorrelationEvent), Is.False, "correlation is switched off on the server");
            Assert.That(bundles.SelectMany(b => b.Items).All(i => i.ExtendedHeader), Is.True, "bit 23 was requested");
        }

        // Every intrusion event's rule message arrived before it (reference 12.4).
        var seenRules = new HashSet<(uint, uint)>();
        foreach (var record in records)
        {
            if (record is RuleMessageRecord rule)
            {
                seenRules.Add((rule.GeneratorId, rule.RuleId));
            }
            else if (record is IntrusionEventRecord intrusion)
            {
                Assert.That(seenRules, Does.Contain((intrusion.GeneratorId, intrusion.RuleId)), $"rule of event {intrusion.EventId}");
            }
        }

        var session = await _emulator.WaitForSessionAsync(s => s.Id == bundles[0].ConnectionId);
        Assert.That(session.Profile, Is.EqualTo(ClientProfile.Encore52));
    }

    [Test]
    public async Task Encore_38_request_gets_the_version_9_14_7_6_layouts_and_the_old_user_record()
    {
        await using var client = await _emulator.ConnectAsync();
        await Requests.OpenExtendedAsync(client, 0, Requests.Encore38Entries);
        var bundles = await Requests.ReadBundlesAsync(client, b => HasAll(b, RecordType.IntrusionEvent, RecordType.ConnectionStatistics, RecordType.FileEvent, RecordType.MalwareEvent, RecordType.User));
        var records = bundles.SelectMany(b => b.Items).Select(i => i.Record).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(records.OfType<IntrusionEventRecord>().Select(r => r.BlockType).Distinct(), Is.EqualTo(new[] { 60u }));
            Assert.That(records.OfType<ConnectionStatisticsRecord>().Select(r => r.BlockType).Distinct(), Is.EqualTo(new[] { 163u }));
            Assert.That(records.OfType<FileEventRecord>().Select(r => r.BlockType).Distinct(), Is.EqualTo(new[] { 56u }));
            Assert.That(records.OfType<MalwareEventRecord>().Select(r => r.BlockType).Distinct(), Is.EqualTo(new[] { 62u }));
            Assert.That(records.OfType<UserRecord>().Select(r => r.BlockType).Distinct(), Is.EqualTo(new[] { UserRecord.NoBlockHeader }));
        }
    }

    [TestCase(new ushort[] { 9, 11 }, 85u, TestName = "Highest_version_wins_9_and_11_give_block_85")]
    [TestCase(new ushort[] { 10, 9 }, 81u, TestName = "Highest_version_wins_10_and_9_give_block_81")]
    [TestCase(new ushort[] { 12 }, 85u, TestName = "Version_above_the_newest_falls_back_to_block_85")]
    public async Task Highest_requested_intrusion_version_decides_the_block(ushort[] versions, uint expectedBlock)
    {
        await using var client = await _emulator.ConnectAsync();
        var entries = versions.Select(v => new EventTypeEntry(v, 12)).ToArray();
        await Requests.OpenExtendedAsync(client, 0, entries);
        var bundles = await Requests.ReadBundlesAsync(client, b => HasAll(b, RecordType.IntrusionEvent));
        var blocks = bundles.SelectMany(b => b.Items).Select(i => i.Record).OfType<IntrusionEventRecord>().Select(r => r.BlockType).Distinct();
        Assert.That(blocks, Is.EqualTo(new[] { expectedBlock }));
    }

    [Test]
    public async Task Flag_and_extended_entry_for_the_same_family_stream_it_once_at_the_higher_version()
    {
        // Bit 20 asks for metadata v4 and so does code 21: each rule message must arrive once only.
        await using var client = await _emulator.ConnectAsync();
        await Requests.OpenExtendedAsync(client, 0, [new(4, 21), new(11, 12)]);
        var bundles = await _emulator.ReadBundlesUntilCaughtUpAsync(client);
        var rules = bundles.SelectMany(b => b.Items).Select(i => i.Record).OfType<RuleMessageRecord>().ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rules, Is.Not.Empty);
            Assert.That(rules, Is.Unique);
        }
    }

    [Test]
    public async Task Plain_request_streams_event_data_messages_with_the_extended_header()
    {
        await using var client = await _emulator.ConnectAsync();
        var flags = RequestFlags.ImpactAlerts | RequestFlags.MetadataV4 | RequestFlags.ExtendedHeader;
        await client.SendAsync(new EventStreamRequestMessage(0, flags));
        var messages = new List<EventDataMessage>();
        while (messages.Count < 30)
        {
            messages.Add(await client.ReceiveAsync<EventDataMessage>());
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(messages.All(m => m.Data.ExtendedHeader), Is.True);
            Assert.That(messages.Select(m => RecordFamilies.FamilyOf(m.Data.Record.RecordType)).Distinct(), Is.SubsetOf(new[] { EventFamily.ImpactAlert, EventFamily.Metadata }));
            Assert.That(messages.Any(m => m.Data.Record is ImpactAlertRecord), Is.True);
            Assert.That(messages.Where(m => m.Data.Record is ImpactAlertRecord).All(m => m.Data.ArchiveTimestamp > 0), Is.True);
            Assert.That(messages.Where(m => RecordFamilies.FamilyOf(m.Data.Record.RecordType) == EventFamily.Metadata).All(m => m.Data.ArchiveTimestamp == 0), Is.True);
        }
    }

    [Test]
    public async Task Without_bit_23_records_carry_only_the_standard_header()
    {
        await using var client = await _emulator.ConnectAsync();
        var flags = RequestFlags.ExtendedRequest | RequestFlags.MetadataV4;
        await Requests.OpenExtendedAsync(client, 0, [new(11, 12)], flags);
        var bundle = await client.ReceiveAsync<MessageBundle>();
        Assert.That(bundle.Items.Select(i => i.ExtendedHeader).Distinct(), Is.EqualTo(new[] { false }));
    }

    [Test]
    public async Task Family_switched_off_on_the_server_is_never_sent_however_asked()
    {
        await using var client = await _emulator.ConnectAsync();
        await Requests.OpenExtendedAsync(client, 0, [new(9, 31), new(11, 12)]);
        var bundles = await _emulator.ReadBundlesUntilCaughtUpAsync(client);
        var types = bundles.SelectMany(b => b.Items).Select(i => i.Record.RecordType).ToHashSet();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(types, Does.Contain(RecordType.IntrusionEvent), "the other requested family flows");
            Assert.That(types, Does.Not.Contain(RecordType.CorrelationEvent));
        }

        await _emulator.Logs.WaitForLineAsync(TestClient.DefaultTimeout, "Correlation v9 requested but switched off on the server");
    }

    private static bool HasAll(IReadOnlyList<MessageBundle> bundles, params RecordType[] types)
    {
        var seen = bundles.SelectMany(b => b.Items).Select(i => i.Record.RecordType).ToHashSet();
        return types.All(seen.Contains);
    }
}

using System.Net;
using EStreamer.Emulator.Events;
using EStreamer.Emulator.Sessions;
using EStreamer.Emulator.Tests.Support;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Discovery;
using Microsoft.Extensions.Time.Testing;

namespace EStreamer.Emulator.Tests.Sessions;

/// <summary>Start times, duplicates on reconnect, keep-alives and host requests, over real TLS.</summary>
[Parallelizable(ParallelScope.All)] // every test starts its own emulator
public sealed class StreamingTests
{
    private const uint T = 1_800_000_000;

    /// <summary>Twenty hosts 10.0.0.10 to 10.0.0.29, each with its own MAC.</summary>
    private static readonly HostProfile[] Hosts = Enumerable.Range(10, 20)
        .Select(i => new HostProfile(IPAddress.Parse($"10.0.0.{i}"), [0x00, 0x50, 0x56, 0x00, 0x00, (byte)i], 0, 1_700_000_000, $"HOST-{i}"))
        .ToArray();

    [TestCase(0u, new uint[] { 1, 2, 3, 4 }, TestName = "Start_0_streams_from_the_oldest_held_event")]
    [TestCase(T + 10, new uint[] { 2, 3, 4 }, TestName = "Start_T_streams_from_T_inclusive")]
    [TestCase(T + 11, new uint[] { 4 }, TestName = "Start_between_two_events_streams_from_the_next")]
    [TestCase(T + 99, new uint[0], TestName = "Start_after_the_newest_streams_nothing_yet")]
    public async Task Initial_timestamp_selects_where_streaming_starts(uint start, uint[] expectedValues)
    {
        await using var emulator = await RunningEmulator.StartAsync(fill: FillFourEvents);
        await using var client = await emulator.ConnectAsync();
        await Requests.OpenExtendedAsync(client, start, [new EventTypeEntry(11, 61)]);
        var values = (await emulator.ReadBundlesUntilCaughtUpAsync(client))
            .SelectMany(b => b.Items).Select(i => ((HostValueRecord)i.Record).Value).ToArray();
        Assert.That(values, Is.EqualTo(expectedValues));
    }

    [Test]
    public async Task Start_now_streams_only_what_arrives_after_the_request()
    {
        await using var emulator = await RunningEmulator.StartAsync(fill: FillFourEvents);
        await using var client = await emulator.ConnectAsync();
        await Requests.OpenExtendedAsync(client, EventStreamRequestMessage.FromNow, [new EventTypeEntry(11, 61)]);
        await emulator.WaitForSessionAsync(s => s.State == SessionState.Streaming);
        emulator.Journal.Append(T + 20, TestRecords.HopsChange(T + 20, 5), []);
        var bundle = await client.ReceiveAsync<MessageBundle>();
        Assert.That(bundle.Items.Select(i => ((HostValueRecord)i.Record).Value), Is.EqualTo(new uint[] { 5 }));
    }

    [Test]
    public async Task Reconnecting_from_the_last_archive_timestamp_resends_that_second_byte_for_byte()
    {
        await using var emulator = await RunningEmulator.StartAsync(fill: FillFourEvents);
        List<EventData> first;
        await using (var client = await emulator.ConnectAsync())
        {
            await Requests.OpenExtendedAsync(client, 0, [new EventTypeEntry(11, 61)]);
            first = (await emulator.ReadBundlesUntilCaughtUpAsync(client)).SelectMany(b => b.Items).ToList();
        }

        // A client's bookmark is the highest archive timestamp it handled (reference 12.4).
        var bookmark = first.Max(i => i.ArchiveTimestamp);
        await using var again = await emulator.ConnectAsync();
        await Requests.OpenExtendedAsync(again, bookmark, [new EventTypeEntry(11, 61)]);
        var second = (await emulator.ReadBundlesUntilCaughtUpAsync(again)).SelectMany(b => b.Items).ToList();

        var resent = first.Where(i => i.ArchiveTimestamp == bookmark).Select(Encode).ToArray();
        Assert.That(second.Select(Encode).ToArray(), Is.EqualTo(resent));
        Assert.That(resent, Has.Length.EqualTo(1));
    }

    [Test]
    public async Task Idle_stream_gets_null_keepalives_and_client_nulls_are_never_echoed()
    {
        await using var emulator = await RunningEmulator.StartAsync(options => options.KeepaliveInterval = TimeSpan.FromMilliseconds(200));
        await using var client = await emulator.ConnectAsync();
        await client.SendAsync(new EventStreamRequestMessage(EventStreamRequestMessage.FromNow, RequestFlags.MetadataV4));
        for (var i = 0; i < 3; i++)
        {
            Assert.That(await client.ReceiveAsync(), Is.EqualTo(NullMessage.Instance));
            await client.SendAsync(NullMessage.Instance);
        }

        var session = await emulator.WaitForSessionAsync(s => s.KeepalivesSent >= 3 && s.NullsReceived >= 3);
        Assert.That(session.State, Is.EqualTo(SessionState.Streaming));
    }

    [Test]
    [Description("On a fake clock: keep-alive intervals pass before the request and the server reports no Null sent.")]
    public async Task No_keepalive_before_the_client_has_sent_a_request()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await RunningEmulator.StartAsync(options =>
        {
            options.KeepaliveInterval = TimeSpan.FromMilliseconds(100);
            options.Time = clock;
        });
        await using var client = await emulator.ConnectAsync();
        var session = await emulator.WaitForSessionAsync(s => s.State == SessionState.AwaitingRequest);

        // Each idle check queued by the clock runs before the client's Null that follows it is read.
        for (var step = 1; step <= 6; step++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            await client.SendAsync(NullMessage.Instance);
            await emulator.WaitForSessionAsync(s => s.Id == session.Id && s.NullsReceived == step);
        }

        Assert.That(emulator.Server.Sessions.Find(session.Id)!.KeepalivesSent, Is.Zero);

        // Once the request is in, the next interval brings a keep-alive: the clock did drive the idle checks.
        await client.SendAsync(new EventStreamRequestMessage(EventStreamRequestMessage.FromNow, RequestFlags.MetadataV4));
        await emulator.WaitForSessionAsync(s => s.Id == session.Id && s.State == SessionState.Streaming);
        Assert.That(await client.ReceiveAsync(), Is.EqualTo(NullMessage.Instance), "the request is answered at once");
        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.That(await client.ReceiveAsync(), Is.EqualTo(NullMessage.Instance));
        await emulator.WaitForSessionAsync(s => s.Id == session.Id && s.KeepalivesSent == 1);
    }

    [Test]
    public async Task Range_host_request_gets_one_multiple_host_message_per_host_then_the_end_of_list()
    {
        await using var emulator = await RunningEmulator.StartAsync(fill: journal =>
        {
            foreach (var host in Hosts)
            {
                journal.AddHost(host);
            }
        });
        await using var client = await emulator.ConnectAsync();
        await client.SendAsync(new EventStreamRequestMessage(0, RequestFlags.HostOnly));
        await client.SendAsync(new HostDataRequestMessage(7, 3, IPAddress.Parse("10.0.0.10"), IPAddress.Parse("10.0.0.12"), WideAddresses: false));
        var answers = new List<HostDataMessage>();
        do
        {
            answers.Add(await client.ReceiveAsync<HostDataMessage>());
        }
        while (answers[^1].ProfileBlockType is not null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(answers, Has.Count.EqualTo(4));
            Assert.That(answers.Select(a => a.MessageType).Distinct(), Is.EqualTo(new[] { MessageType.MultipleHostData }));
            Assert.That(answers.Take(3).Select(a => new IPAddress(a.ProfileBody.AsSpan()[..16]).MapToIPv4().ToString()), Is.EqualTo(new[] { "10.0.0.10", "10.0.0.11", "10.0.0.12" }));
            Assert.That(answers[^1], Is.EqualTo(HostDataMessage.EndOfList));
        }
    }

    [Test]
    public async Task Single_host_request_gets_one_single_host_message()
    {
        await using var emulator = await RunningEmulator.StartAsync(fill: journal => journal.AddHost(Hosts[0]));
        await using var client = await emulator.ConnectAsync();
        await client.SendAsync(new EventStreamRequestMessage(0, RequestFlags.HostOnly));
        var address = Hosts[0].Address;
        await client.SendAsync(new HostDataRequestMessage(6, 0, address, address, WideAddresses: true));
        var answer = await client.ReceiveAsync<HostDataMessage>();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(answer.MessageType, Is.EqualTo(MessageType.SingleHostData));
            Assert.That(answer.ProfileBlockType, Is.EqualTo(139));
        }
    }

    private static void FillFourEvents(EventJournal journal)
    {
        journal.Append(T, TestRecords.HopsChange(T, 1), []);
        journal.Append(T + 10, TestRecords.HopsChange(T + 10, 2), []);
        journal.Append(T + 10, TestRecords.HopsChange(T + 10, 3), []);
        journal.Append(T + 12, TestRecords.HopsChange(T + 12, 4), []);
    }


    private static string Encode(EventData data)
    {
        using var writer = new WireWriter();
        RecordCodec.WritePayload(writer, data);
        return Convert.ToHexString(writer.WrittenSpan);
    }
}

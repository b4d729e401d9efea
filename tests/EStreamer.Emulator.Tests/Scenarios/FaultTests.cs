using System.Net.Sockets;
using EStreamer.Emulator.Faults;
using EStreamer.Emulator.Sessions;
using EStreamer.Emulator.Sessions.Events;
using EStreamer.Emulator.Tests.Support;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Intrusion;
using Microsoft.Extensions.Time.Testing;
using EStreamer.Scenarios;
using EStreamer.Scenarios.Loading;
using EStreamer.Scenarios.Model;

namespace EStreamer.Emulator.Tests.Scenarios;

/// <summary>
/// Every scripted fault over real TLS, each at its scripted point: after the third data message
/// (Streaming Information and two bundles of five events) on connection 1, while other sessions go on.
/// </summary>
[Parallelizable(ParallelScope.All)] // every test starts its own emulator
public sealed class FaultTests
{
    private const string Template = """
        name: fault
        seed: 9
        server:
          keepalive: 200ms
          bundle-max-events: 5
        traffic:
          - name: history
            start: -1m
            rate: 10
            duration: 1m
        faults:
          - kind: {0}
            after-messages: 3
            connection: 1
        {1}
        """;

    [Test]
    public async Task Graceful_disconnect_closes_cleanly_after_the_scripted_message_while_others_stream_on()
    {
        await using var emulator = await StartAsync("graceful-disconnect");

        // The first streaming session is connection 1: it is cut after three messages.
        await using var first = await OpenAsync(emulator);
        var bundles = await ReadBundlesUntilEndAsync(first);
        Assert.That(bundles, Is.EqualTo(2), "the 2051 and two bundles, then the close");

        // Another session, the 2nd to stream, streaming only what arrives from now on: not cut.
        await using var other = await emulator.ConnectAsync();
        await Requests.OpenExtendedAsync(other, EventStreamRequestMessage.FromNow, Requests.Encore52Entries);
        await emulator.WaitForSessionAsync(s => s.State == SessionState.Streaming && s.CloseReason is null);
        for (uint i = 1; i <= 20; i++)
        {
            emulator.Journal.Append((uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds(), new IntrusionEventRecord { EventId = i }, []);
        }

        var more = await Requests.ReadBundlesAsync(other, b => b.Sum(x => x.Items.Count) >= 20);
        Assert.That(more.SelectMany(b => b.Items).Select(i => ((IntrusionEventRecord)i.Record).EventId), Is.EqualTo(Enumerable.Range(1, 20).Select(i => (uint)i)));
    }

    [Test]
    public async Task Connection_scoped_fault_counts_streaming_sessions_even_when_an_earlier_one_was_cut_short()
    {
        // Connection 1 is cut after three messages, connection 2 is scripted to be cut after six: a
        // session cut before six still uses up number 1.
        var yaml = string.Format(System.Globalization.CultureInfo.InvariantCulture, Template, "graceful-disconnect", "  - kind: graceful-disconnect\n    after-messages: 6\n    connection: 2");
        await using var emulator = await RunningEmulator.StartAsync(ScenarioLoader.LoadText(yaml, "fault.yaml"), DateTimeOffset.UtcNow);
        var recorder = SessionEventRecorder.On(emulator);

        await using (var first = await OpenAsync(emulator))
        {
            Assert.That(await ReadBundlesUntilEndAsync(first), Is.EqualTo(2), "connection 1 cut after three messages");
        }

        await using var second = await OpenAsync(emulator);
        Assert.That(await ReadBundlesUntilEndAsync(second), Is.EqualTo(5), "connection 2 cut after six messages");
        var fired = recorder.Events.Select(e => e.Event).OfType<FaultFired>().Select(f => f.Detail).ToList();
        Assert.That(fired, Is.EqualTo(new[] { "after 3 messages", "after 6 messages" }));
    }

    [Test]
    public async Task Connection_scoped_count_fault_fires_in_the_nth_session_to_reach_the_count_not_in_short_probes()
    {
        await using var emulator = await RunningEmulator.StartAsync(
            ScenarioLoader.LoadText(string.Format(System.Globalization.CultureInfo.InvariantCulture, Template, "graceful-disconnect", string.Empty).Replace("connection: 1", "connection: 2", StringComparison.Ordinal), "fault.yaml"),
            DateTimeOffset.UtcNow);

        // Like eNcore: a probe that reads one message and hangs up, before each real session.
        for (var session = 1; session <= 2; session++)
        {
            await using (var probe = await emulator.ConnectAsync())
            {
                await probe.SendAsync(new EventStreamRequestMessage(EventStreamRequestMessage.FromNow, RequestFlags.EncoreDefault));
                await probe.ReceiveAsync<StreamingInformationMessage>();
            }

            await using var client = await OpenAsync(emulator);
            if (session == 1)
            {
                var bundles = await Requests.ReadBundlesAsync(client, b => b.Count >= 4);
                Assert.That(bundles, Has.Count.EqualTo(4), "the first real session is not cut");
            }
            else
            {
                Assert.That(await ReadBundlesUntilEndAsync(client), Is.EqualTo(2), "the second real session is cut after three messages");
            }
        }
    }

    [Test]
    public async Task Tcp_reset_aborts_the_connection()
    {
        await using var emulator = await StartAsync("tcp-reset");
        await using var client = await OpenAsync(emulator);
        Assert.That(
            async () => await ReadBundlesUntilEndAsync(client),
            // The reset shows on the next read, or on the Null the client was sending when it arrived.
            Throws.InstanceOf<EStreamerClientException>().With.Property(nameof(EStreamerClientException.Failure)).AnyOf(EStreamerClientFailure.ConnectionReset, EStreamerClientFailure.SendFailed));
    }

    [Test]
    public async Task Error_message_fault_sends_the_scripted_error_then_closes()
    {
        await using var emulator = await StartAsync("error-message", "    code: 42\n    text: event store unavailable");
        await using var client = await OpenAsync(emulator);
        await client.ReceiveAsync<MessageBundle>();
        await client.SendAsync(NullMessage.Instance);
        await client.ReceiveAsync<MessageBundle>();
        await client.SendAsync(NullMessage.Instance);
        Assert.That(await client.ReceiveAsync(), Is.EqualTo(new ErrorMessage(42, "event store unavailable")));
        var (closed, _) = await client.WaitForCloseAsync();
        Assert.That(closed, Is.True);
    }

    [Test]
    public async Task Wrong_header_version_fault_sends_a_version_2_header()
    {
        await using var emulator = await StartAsync("wrong-header-version");
        await using var client = await OpenAsync(emulator);
        await ReadTwoBundlesAsync(client);
        // Read raw: the client library refuses a header version other than 1, which is the fault's point. The next
        // bundle may already be behind it (the client acknowledged the second bundle), so only the first 8 bytes
        // after the two bundles are the fault's.
        var buffer = new byte[64];
        var read = 0;
        while (read < 8)
        {
            var more = await client.ReceiveRawAsync(buffer.AsMemory(read));
            Assert.That(more, Is.Positive, "the server closed before the header");
            read += more;
        }

        Assert.That(Convert.ToHexString(buffer, 0, 8), Is.EqualTo("0002000000000000"));
    }

    [Test]
    public async Task Unknown_record_type_fault_sends_a_record_no_client_knows()
    {
        await using var emulator = await StartAsync("unknown-record-type", "    record-type: 7777");
        await using var client = await OpenAsync(emulator);
        await ReadTwoBundlesAsync(client);
        var bundle = await client.ReceiveAsync<MessageBundle>();
        Assert.That(bundle.Items.Single().Record, Is.TypeOf<OpaqueRecord>().With.Property(nameof(IRecord.RecordType)).EqualTo((RecordType)7777));
    }

    [Test]
    public async Task Truncated_message_fault_ends_the_connection_inside_a_message()
    {
        await using var emulator = await StartAsync("truncated-message");
        await using var client = await OpenAsync(emulator);
        await ReadTwoBundlesAsync(client);
        Assert.That(
            async () => await client.ReceiveBytesAsync(),
            Throws.InstanceOf<EStreamerClientException>().With.Property(nameof(EStreamerClientException.Failure)).EqualTo(EStreamerClientFailure.TruncatedMessage));
    }

    [Test]
    public async Task Slow_drip_writes_messages_in_small_slices()
    {
        // On a fake clock: one slice goes out each time the clock moves by a slice, so a late reader
        // cannot find two slices merged.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await StartAsync("slow-drip", "    bytes-per-second: 200", clock);
        var recorder = SessionEventRecorder.On(emulator);
        await using var client = await OpenAsync(emulator);
        await ReadTwoBundlesAsync(client);
        var (id, _) = await recorder.WaitForAsync<FaultFired>(f => f.Kind == Emulator.Faults.FaultKind.SlowDrip);
        await emulator.WaitForSessionAsync(s => s.Id == id && s.BundlesSent >= 3);

        // 200 bytes/s goes out as ten 20-byte slices a second, each its own TLS record.
        var buffer = new byte[4096];
        var reads = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            clock.Advance(EStreamer.Emulator.Pipeline.ConnectionWriter.DripSlice);
            reads.Add(await client.ReceiveRawAsync(buffer));
        }

        Assert.That(reads, Has.All.InRange(1, 20));
    }

    [Test]
    [Description("On a fake clock: while stalled, keep-alive intervals pass and the server reports no Null and no event sent.")]
    public async Task Stall_sends_nothing_not_even_keepalives_then_resumes()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await StartAsync("stall", "    duration: 1500ms", clock);
        var recorder = SessionEventRecorder.On(emulator);
        await using var client = await OpenAsync(emulator);
        await ReadTwoBundlesAsync(client);
        var (id, _) = await recorder.WaitForAsync<FaultFired>(f => f.Kind == Emulator.Faults.FaultKind.Stall);
        var stalled = await EffectInPlaceAsync(emulator, client, id, nullsBefore: 2);

        // Seven keep-alive intervals of the stall's 1500 ms: each idle check runs before the client's Null
        // that follows it is read, so the counts below are what the server did in that time.
        for (var step = 1; step <= 7; step++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(200));
            await client.SendAsync(NullMessage.Instance);
            await emulator.WaitForSessionAsync(s => s.Id == id && s.NullsReceived == 3 + step);
        }

        var during = emulator.Server.Sessions.Find(id)!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(during.KeepalivesSent, Is.EqualTo(stalled.KeepalivesSent), "no keep-alive while stalled");
            Assert.That(during.EventsSent, Is.EqualTo(stalled.EventsSent), "no event while stalled");
        }

        clock.Advance(TimeSpan.FromMilliseconds(200));
        Assert.That((await client.ReceiveAsync<MessageBundle>()).Items, Is.Not.Empty, "streaming resumes once the stall is over");
    }

    [Test]
    [Description("Injected through the server's fault entry point, as the control API does; on a fake clock.")]
    public async Task Keepalive_gap_withholds_nulls_then_they_come_back()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await RunningEmulator.StartAsync(options =>
        {
            options.KeepaliveInterval = TimeSpan.FromMilliseconds(200);
            options.Time = clock;
        });
        var recorder = SessionEventRecorder.On(emulator);
        await using var client = await emulator.ConnectAsync();
        await client.SendAsync(new EventStreamRequestMessage(EventStreamRequestMessage.FromNow, RequestFlags.MetadataV4));
        var session = await emulator.WaitForSessionAsync(s => s.State == SessionState.Streaming);

        // A flag-only request with nothing to stream is answered at once with a Null (reference 3.4). The
        // clock moves only once the server counts that write as done: the client can read the bytes before
        // the server notes the write, and a write noted after the move would put the keep-alive off.
        Assert.That(await client.ReceiveAsync(), Is.EqualTo(NullMessage.Instance), "the immediate answer");
        await emulator.WaitForSessionAsync(s => s.Id == session.Id && s.BytesSent >= 8 && s.QueuedBytes == 0);

        // Nothing to stream: one keep-alive interval brings a Null.
        clock.Advance(TimeSpan.FromMilliseconds(200));
        Assert.That(await client.ReceiveAsync(), Is.EqualTo(NullMessage.Instance));
        var before = await emulator.WaitForSessionAsync(s => s.Id == session.Id && s.KeepalivesSent == 1);

        Assert.That(emulator.Server.InjectFault(session.Id, new Fault { Kind = Emulator.Faults.FaultKind.KeepaliveGap, Duration = TimeSpan.FromMilliseconds(1500) }), Is.True);
        await recorder.WaitForAsync<FaultFired>(f => f.Kind == Emulator.Faults.FaultKind.KeepaliveGap);
        await EffectInPlaceAsync(emulator, client, session.Id, nullsBefore: 0);
        for (var step = 1; step <= 7; step++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(200));
            await client.SendAsync(NullMessage.Instance);
            await emulator.WaitForSessionAsync(s => s.Id == session.Id && s.NullsReceived == 1 + step);
        }

        Assert.That(emulator.Server.Sessions.Find(session.Id)!.KeepalivesSent, Is.EqualTo(before.KeepalivesSent), "no keep-alive during the gap");
        clock.Advance(TimeSpan.FromMilliseconds(200));
        Assert.That(await client.ReceiveAsync(), Is.EqualTo(NullMessage.Instance), "keep-alives come back after the gap");
    }

    [Test]
    public async Task Refuse_connections_drops_the_next_connections_then_accepts_again()
    {
        await using var emulator = await StartAsync("refuse-connections", "    count: 2");
        emulator.ExpectError("TLS handshake");
        await using var client = await OpenAsync(emulator);
        await ReadTwoBundlesAsync(client);
        await emulator.Logs.WaitForLineAsync(TestClient.DefaultTimeout, "refusing the next 2 connections");
        for (var i = 0; i < 2; i++)
        {
            // Dropped right after the accept: the TLS handshake is cut (or, by luck of timing, the connect itself).
            Assert.That(
                async () => await emulator.ConnectAsync(),
                Throws.InstanceOf<EStreamerClientException>().With.Property(nameof(EStreamerClientException.Failure)).AnyOf(EStreamerClientFailure.Handshake, EStreamerClientFailure.Connect));
        }

        await using var accepted = await OpenAsync(emulator);
        Assert.That((await accepted.ReceiveAsync<MessageBundle>()).Items, Is.Not.Empty);
    }

    [Test]
    public async Task Disable_service_fault_closes_silently_refuses_then_comes_back()
    {
        await using var emulator = await StartAsync("disable-service", "    duration: 1s");
        await using var client = await OpenAsync(emulator);
        await ReadTwoBundlesAsync(client);
        // Bundles and keep-alives already under way may still arrive; an Error must not.
        var (closed, unexpected) = await client.WaitForCloseAsync();
        while (!closed && unexpected is MessageBundle or NullMessage)
        {
            (closed, unexpected) = await client.WaitForCloseAsync();
        }

        Assert.That(closed, Is.True, $"closed without an Error, not {unexpected}");

        var deadline = DateTime.UtcNow + TestClient.DefaultTimeout;
        while (!emulator.Server.ServiceEnabled && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await using var again = await OpenAsync(emulator);
        Assert.That((await again.ReceiveAsync<MessageBundle>()).Items, Is.Not.Empty);
    }

    /// <summary>
    /// The server reports a fault as it starts it, and sets the fault's end from its clock just after: a
    /// Null it reads after the report is read once that is done (both on the session's event loop), so the
    /// clock may move from then on without moving the end.
    /// </summary>
    private static async Task<SessionInfo> EffectInPlaceAsync(RunningEmulator emulator, EStreamerClient client, uint session, long nullsBefore)
    {
        await emulator.WaitForSessionAsync(s => s.Id == session && s.NullsReceived == nullsBefore);
        await client.SendAsync(NullMessage.Instance);
        return await emulator.WaitForSessionAsync(s => s.Id == session && s.NullsReceived == nullsBefore + 1);
    }

    private static async Task<RunningEmulator> StartAsync(string kind, string parameters = "", TimeProvider? time = null)
    {
        var yaml = string.Format(System.Globalization.CultureInfo.InvariantCulture, Template, kind, parameters);

        var scenario = ScenarioLoader.LoadText(yaml, "fault.yaml");
        return await RunningEmulator.StartAsync(scenario, DateTimeOffset.UtcNow, options => options.Time = time ?? TimeProvider.System);
    }

    private static async Task<EStreamerClient> OpenAsync(RunningEmulator emulator)
    {
        var client = await emulator.ConnectAsync();
        await Requests.OpenExtendedAsync(client, 0, Requests.Encore52Entries);
        return client;
    }

    private static async Task ReadTwoBundlesAsync(EStreamerClient client)
    {
        for (var i = 0; i < 2; i++)
        {
            await client.ReceiveAsync<MessageBundle>();
            await client.SendAsync(NullMessage.Instance);
        }
    }

    private static async Task<int> ReadBundlesUntilEndAsync(EStreamerClient client)
    {
        var bundles = 0;
        while (await client.ReceiveAsync() is { } message)
        {
            if (message is MessageBundle)
            {
                bundles++;
                await client.SendAsync(NullMessage.Instance);
            }
        }

        return bundles;
    }
}

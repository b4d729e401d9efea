using Microsoft.Extensions.Time.Testing;
using System.Text.Json.Nodes;
using EStreamer.Emulator.Events;
using EStreamer.Emulator.Tests.Support;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Intrusion;

namespace EStreamer.Emulator.Tests.Conformance;

/// <summary>
/// Conformance reports of real clients over TLS, read back through the control API: the well-behaved
/// client, the one that never acknowledges, and reconnects from various start times.
/// </summary>
[Parallelizable(ParallelScope.All)] // every test starts its own emulator
public sealed class ConformanceTests
{
    private const uint T = 1_800_000_000;

    private static readonly EventTypeEntry[] Intrusion = [new(11, 12)];

    [Test]
    public async Task Well_behaved_client_conforms_and_every_view_shows_what_it_did()
    {
        // Keep-alives on a fake clock: each comes when the test moves the clock, so none can arrive
        // between the client's last answer and its close.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var keepalive = TimeSpan.FromSeconds(30);
        await using var emulator = await RunningEmulator.StartAsync(
            options =>
            {
                options.Time = clock;
                options.KeepaliveInterval = keepalive;
                options.BundleMaxEvents = 100;
            },
            journal => Fill(journal, 250),
            control: _ => { });
        var http = emulator.Http!;
        uint id;
        await using (var client = await emulator.ConnectAsync())
        {
            await Requests.OpenExtendedAsync(client, 0, Requests.Encore52Entries);
            id = await http.WaitForSessionIdAsync(s => s["state"]!.GetValue<string>() == "streaming");

            // As eNcore does: a Null after every message, bundles and keep-alives alike.
            for (var bundles = 0; bundles < 3; bundles++)
            {
                await client.ReceiveAsync<MessageBundle>();
                await client.SendAsync(NullMessage.Instance);
            }

            var caughtUp = await emulator.WaitForSessionAsync(s => s.Id == id && s.CaughtUp && s.NullsReceived >= 3);
            for (var keepalives = 1; keepalives <= 2; keepalives++)
            {
                clock.Advance(keepalive);
                Assert.That(await client.ReceiveAsync(), Is.InstanceOf<NullMessage>(), "a keep-alive once the writer was idle for the interval");
                await client.SendAsync(NullMessage.Instance);

                // The server has the answer before the clock moves again or the client leaves.
                var answered = caughtUp.NullsReceived + keepalives;
                await emulator.WaitForSessionAsync(s => s.Id == id && s.NullsReceived >= answered);
            }
        }

        var report = await http.WaitForFinalReportAsync(id);
        var session = await http.GetJsonAsync($"/sessions/{id}");
        var journal = await http.GetJsonAsync($"/journal?session={id}");
        var kinds = journal["entries"]!.AsArray().Select(e => $"{e!["direction"]}:{e["kind"]}").ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(report["conforms"]!.GetValue<bool>(), Is.True, report["summary"]!.GetValue<string>());
            Assert.That(report["findings"]!.AsArray().Select(f => f!["severity"]!.GetValue<string>()), Has.None.EqualTo("warning"));
            Assert.That(report["acknowledgement"]!["verdict"]!.GetValue<string>(), Is.EqualTo("acknowledged-all"));
            Assert.That(report["acknowledgement"]!["bundlesSent"]!.GetValue<long>(), Is.EqualTo(3));
            Assert.That(report["acknowledgement"]!["bundlesAcknowledged"]!.GetValue<long>(), Is.EqualTo(3));
            Assert.That(report["keepalives"]!["verdict"]!.GetValue<string>(), Is.EqualTo("kept"));
            Assert.That(report["keepalives"]!["answered"]!.GetValue<long>(), Is.GreaterThanOrEqualTo(2));
            Assert.That(report["startTime"]!["verdict"]!.GetValue<string>(), Is.EqualTo("first-session"));
            Assert.That(report["request"]!["flagNames"].Strings(), Does.Contain("ExtendedRequest").And.Contain("ExtendedHeader"));
            Assert.That(report["request"]!["streamingRequestEntries"]!.AsArray(), Has.Count.EqualTo(Requests.Encore52Entries.Length));
            Assert.That(
                report["versions"]!.AsArray().Single(v => v!["family"]!.GetValue<string>() == "intrusion")!["outcome"]!.GetValue<string>(),
                Is.EqualTo("as-requested"));
            Assert.That(report["closeReason"]!.GetValue<string>(), Is.EqualTo("client closed"));
            Assert.That(report["summary"]!.GetValue<string>(), Does.Contain("verdict:      conforms"));

            Assert.That(session["state"]!.GetValue<string>(), Is.EqualTo("closed"));
            Assert.That(session["tlsVersion"]!.GetValue<string>(), Is.EqualTo("TLS 1.2"));
            Assert.That(session["sourceAddress"]!.GetValue<string>(), Is.EqualTo("127.0.0.1"));
            Assert.That(session["requestFlagNames"].Strings(), Does.Contain("ExtendedRequest"));
            Assert.That(session["negotiatedVersions"]!["intrusion"]!.GetValue<int>(), Is.EqualTo(11));
            Assert.That(session["eventsSent"]!.GetValue<long>(), Is.EqualTo(250));
            Assert.That(session["bundlesSent"]!.GetValue<long>(), Is.EqualTo(3));
            Assert.That(session["nullsReceived"]!.GetValue<long>(), Is.GreaterThanOrEqualTo(5));
            Assert.That(session["keepalivesSent"]!.GetValue<long>(), Is.GreaterThanOrEqualTo(2));
            Assert.That(session["bytesSent"]!.GetValue<long>(), Is.GreaterThan(250 * 16));

            Assert.That(kinds.Take(5), Is.EqualTo(new[]
            {
                "client:event-stream-request", "server:streaming-information", "client:streaming-request", "server:negotiated", "server:start",
            }));
            Assert.That(kinds, Does.Contain("server:bundle").And.Contain("client:null").And.Contain("server:keepalive"));
            Assert.That(kinds[^1], Is.EqualTo("server:closed"));
            Assert.That(journal["entries"]![0]!["message"]!["flagNames"].Strings(), Does.Contain("ExtendedRequest"));
        }

        var files = Path.Combine(emulator.Directory, "reports", $"session-{id}");
        await emulator.Control!.Conformance.FlushAsync().WaitAsync(TestClient.DefaultTimeout);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(JsonNode.Parse(await File.ReadAllTextAsync(files + ".json"))!["sessionId"]!.GetValue<uint>(), Is.EqualTo(id));
            Assert.That(await File.ReadAllTextAsync(files + ".txt"), Does.Contain("verdict:      conforms"));
        }
    }

    [Test]
    public async Task Client_that_never_acknowledges_gets_one_bundle_and_a_report_that_says_so()
    {
        await using var emulator = await RunningEmulator.StartAsync(
            options => options.BundleMaxEvents = 100,
            journal => Fill(journal, 250),
            control: _ => { });
        var http = emulator.Http!;
        uint id;
        JsonNode provisional;
        await using (var client = await emulator.ConnectAsync())
        {
            await Requests.OpenExtendedAsync(client, 0, Intrusion);
            await client.ReceiveAsync<MessageBundle>();

            // The window (one unacknowledged bundle) is shut: the server reports one bundle sent. The window
            // itself is proven step by step in SessionHandlerTests; here it is the report that matters.
            id = await http.WaitForSessionIdAsync(s => s["state"]!.GetValue<string>() == "streaming");
            provisional = await http.GetJsonAsync($"/sessions/{id}/conformance");
            Assert.That((await http.GetJsonAsync($"/sessions/{id}"))["bundlesSent"]!.GetValue<long>(), Is.EqualTo(1));
        }

        var report = await http.WaitForFinalReportAsync(id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(provisional["final"]!.GetValue<bool>(), Is.False);
            Assert.That(provisional["acknowledgement"]!["verdict"]!.GetValue<string>(), Is.EqualTo("never-acknowledged"));
            Assert.That(report["conforms"]!.GetValue<bool>(), Is.False);
            Assert.That(report["acknowledgement"]!["verdict"]!.GetValue<string>(), Is.EqualTo("never-acknowledged"));
            Assert.That(report["acknowledgement"]!["bundlesSent"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(report["acknowledgement"]!["unacknowledgedAtEnd"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(report["acknowledgement"]!["window"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(report["findings"]!.AsArray().Select(f => f!["code"]!.GetValue<string>()), Does.Contain("never-acknowledged"));
            Assert.That(report["eventsSent"]!.GetValue<long>(), Is.EqualTo(100));
            Assert.That(report["summary"]!.GetValue<string>(), Does.Contain("never acknowledged"));
        }
    }

    [TestCaseSource(nameof(Reconnects))]
    public async Task Reconnect_start_time_is_judged_against_what_the_peer_was_sent_before(uint start, string verdict, long duplicates, string? warning)
    {
        await using var emulator = await RunningEmulator.StartAsync(fill: FillFour, control: _ => { });
        var http = emulator.Http!;
        var first = await StreamAllAsync(emulator, EventStreamRequestMessage.FromOldest);
        var firstReport = await http.WaitForFinalReportAsync(first);
        var second = await StreamAllAsync(emulator, start);
        var report = await http.WaitForFinalReportAsync(second);

        var codes = report["findings"]!.AsArray().Where(f => f!["severity"]!.GetValue<string>() == "warning").Select(f => f!["code"]!.GetValue<string>()).ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(firstReport["startTime"]!["verdict"]!.GetValue<string>(), Is.EqualTo("first-session"));
            Assert.That(report["startTime"]!["verdict"]!.GetValue<string>(), Is.EqualTo(verdict));
            Assert.That(report["startTime"]!["previousSession"]!.GetValue<uint>(), Is.EqualTo(first));
            Assert.That(report["startTime"]!["previousLastArchiveTimestamp"]!.GetValue<uint>(), Is.EqualTo(T + 12));
            Assert.That(report["duplicates"]!["count"]!.GetValue<long>(), Is.EqualTo(duplicates));
            Assert.That(codes, warning is null ? Is.Empty : Is.EqualTo(new[] { warning }));
            Assert.That(report["conforms"]!.GetValue<bool>(), Is.EqualTo(warning is null));
        }
    }

    private static IEnumerable<TestCaseData> Reconnects()
    {
        yield return new TestCaseData(0u, "from-oldest", 4L, "start-from-oldest").SetName("Reconnect_from_0_again_resends_everything_and_is_flagged");
        yield return new TestCaseData(T, "rewound", 4L, "start-rewound").SetName("Reconnect_from_before_the_bookmark_is_flagged_with_its_duplicates");
        yield return new TestCaseData(T + 12, "resumed-at-bookmark", 1L, null).SetName("Reconnect_at_the_bookmark_conforms_and_reports_that_second_as_duplicates");
        yield return new TestCaseData(T + 13, "resumed-after-bookmark", 0L, null).SetName("Reconnect_one_second_after_the_bookmark_conforms");
        yield return new TestCaseData(EventStreamRequestMessage.FromNow, "from-now", 0L, "start-from-now").SetName("Reconnect_from_now_after_a_session_is_flagged");
    }

    /// <summary>One session: extended request from <paramref name="start"/>, every bundle acknowledged until the server reports it caught up, then close.</summary>
    private static async Task<uint> StreamAllAsync(RunningEmulator emulator, uint start)
    {
        await using var client = await emulator.ConnectAsync();
        await Requests.OpenExtendedAsync(client, start, Intrusion);
        await emulator.ReadBundlesUntilCaughtUpAsync(client);
        var sessions = (await emulator.Http!.GetJsonAsync("/sessions")).AsArray();
        return sessions.Last(s => s!["state"]!.GetValue<string>() == "streaming")!["id"]!.GetValue<uint>();
    }

    private static void Fill(EventJournal journal, int count) =>
        journal.Append(Enumerable.Range(1, count).Select(i => (T + (uint)i, (IRecord)new IntrusionEventRecord { EventId = (uint)i }, (IReadOnlyList<IRecord>)[])));

    private static void FillFour(EventJournal journal)
    {
        journal.Append(T, new IntrusionEventRecord { EventId = 1 }, []);
        journal.Append(T + 10, new IntrusionEventRecord { EventId = 2 }, []);
        journal.Append(T + 10, new IntrusionEventRecord { EventId = 3 }, []);
        journal.Append(T + 12, new IntrusionEventRecord { EventId = 4 }, []);
    }
}

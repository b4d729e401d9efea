using EStreamer.Emulator.Events;
using EStreamer.Emulator.Tests.Support;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Discovery;

namespace EStreamer.Emulator.Tests.Sessions;

/// <summary>
/// The bundle window over real TLS: with one bundle in flight the server builds the next while it waits for the
/// client's Null, and sends it only then. Whatever it built ahead, the client sees bundles numbered from 1 with
/// no gap, every event once and in order, and the session's figures count only what was sent.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class BundleWindowTests
{
    private const uint T = 1_800_000_000;
    private const int Events = 350;
    private const int BundleEvents = 100;

    [Test]
    public async Task Window_of_one_sends_each_next_bundle_on_the_Null_in_order_and_counts_only_what_was_sent()
    {
        await using var emulator = await StartWindowOfOneAsync();
        await using var client = await emulator.ConnectAsync();
        await Requests.OpenExtendedAsync(client, 0, [new EventTypeEntry(11, 61)]);

        var bundles = new List<MessageBundle>();
        while (bundles.Sum(b => b.Items.Count) < Events)
        {
            var bundle = await client.ReceiveAsync<MessageBundle>();
            bundles.Add(bundle);

            // One bundle in flight: the server has sent exactly the bundles read so far, whatever it built ahead.
            var session = await emulator.WaitForSessionAsync(s => s.BundlesSent >= bundles.Count);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(session.BundlesSent, Is.EqualTo(bundles.Count));
                Assert.That(session.EventsSent, Is.EqualTo(bundles.Sum(b => b.Items.Count)));
                Assert.That(session.LastSequenceSent, Is.EqualTo(bundles.Sum(b => b.Items.Count)), "journal sequences run from 1");
            }

            await client.SendAsync(NullMessage.Instance);
        }

        var values = bundles.SelectMany(b => b.Items).Select(i => Second(i)).ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(bundles.Select(b => b.SequenceNumber), Is.EqualTo(Enumerable.Range(1, bundles.Count).Select(i => (uint)i)));
            Assert.That(bundles.Select(b => b.Items.Count), Is.EqualTo(new[] { 100, 100, 100, 50 }));
            Assert.That(values, Is.EqualTo(Enumerable.Range(1, Events).Select(i => T + (uint)i)));
        }

        var caughtUp = await emulator.WaitForSessionAsync(s => s.CaughtUp && s.BundlesSent == bundles.Count);
        Assert.That(caughtUp.EventsSent, Is.EqualTo(Events));
    }

    [Test]
    public async Task Events_appended_while_the_window_is_full_come_in_the_next_bundle()
    {
        await using var emulator = await StartWindowOfOneAsync();
        await using var client = await emulator.ConnectAsync();
        await Requests.OpenExtendedAsync(client, 0, [new EventTypeEntry(11, 61)]);
        var read = new List<MessageBundle>();
        while (read.Sum(b => b.Items.Count) < Events)
        {
            read.Add(await client.ReceiveAsync<MessageBundle>());
            await client.SendAsync(NullMessage.Instance);
        }

        // The history is sent and the session caught up; the next events arrive while no bundle is in flight,
        // then more while the first of them is unacknowledged.
        await emulator.WaitForSessionAsync(s => s.CaughtUp && s.BundlesSent == read.Count);
        emulator.Journal.Append(T + Events + 1, TestRecords.HopsChange(T + Events + 1, 1), []);
        var next = await client.ReceiveAsync<MessageBundle>();
        // Both in one append, so the bundle built ahead holds both (appended one by one, it may be built between them).
        emulator.Journal.Append([(T + Events + 2, TestRecords.HopsChange(T + Events + 2, 2), []), (T + Events + 3, TestRecords.HopsChange(T + Events + 3, 3), [])]);
        await client.SendAsync(NullMessage.Instance);
        var last = await client.ReceiveAsync<MessageBundle>();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(next.SequenceNumber, Is.EqualTo((uint)read.Count + 1));
            Assert.That(next.Items.Select(i => Second(i)), Is.EqualTo(new[] { T + Events + 1 }));
            Assert.That(last.SequenceNumber, Is.EqualTo((uint)read.Count + 2));
            Assert.That(last.Items.Select(i => Second(i)), Is.EqualTo(new[] { T + Events + 2, T + Events + 3 }));
        }
    }

    /// <summary>An emulator holding <see cref="Events"/> events, one bundle of at most <see cref="BundleEvents"/> in flight.</summary>
    private static Task<RunningEmulator> StartWindowOfOneAsync() => RunningEmulator.StartAsync(
        options =>
        {
            options.MaxUnacknowledgedBundles = 1;
            options.BundleMaxEvents = BundleEvents;
        },
        fill: FillEvents);

    private static void FillEvents(EventJournal journal)
    {
        for (var i = 1; i <= Events; i++)
        {
            journal.Append(T + (uint)i, TestRecords.HopsChange(T + (uint)i, (uint)i % 100), []);
        }
    }

    /// <summary>Each event has a second of its own, which tells the events apart in order.</summary>
    private static uint Second(EventData item) => ((HostValueRecord)item.Record).Header.EventSecond;
}

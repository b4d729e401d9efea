using EStreamer.Emulator.Events;
using EStreamer.Emulator.Sessions;
using EStreamer.Emulator.Tests.Support;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Negotiation;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Metadata;

namespace EStreamer.Emulator.Tests.Sessions;

/// <summary>
/// What a session sends for the events it reads: every granted event once, each metadata value once per session,
/// before the first event that refers to it (reference 12.4), whether events share one metadata list or bring
/// lists of their own.
/// </summary>
public sealed class SessionItemsTests
{
    [Test]
    public void Built_in_history_sends_each_metadata_value_once_before_the_first_event_that_needs_it()
    {
        var plan = BuiltInHistory.Of(seed: 23, events: 3_000).Compile(DateTimeOffset.UtcNow);
        var journal = new EventJournal();
        journal.Append(plan.Events.Select((e, i) => ((uint)(1_700_000_000 + i), e.Record, e.Metadata)));
        var stored = new List<StoredEvent>();
        journal.Read(1, int.MaxValue, stored);
        var negotiation = Requests.Negotiated(Requests.Encore52Entries);

        var items = new SessionItems();
        items.Configure(negotiation, extendedHeader: true);
        foreach (var held in stored)
        {
            items.Add(held);
        }

        // The oracle: value equality only, no shortcut by instance or by list.
        var sent = new HashSet<IRecord>();
        var expected = new List<(IRecord Record, bool IsEvent)>();
        foreach (var held in stored.Where(s => negotiation.Streams(s.Record.RecordType)))
        {
            expected.AddRange(held.Metadata.Where(sent.Add).Select(m => (m, false)));
            if (RecordFamilies.FamilyOf(held.Record.RecordType) == EventFamily.Metadata)
            {
                if (sent.Add(held.Record))
                {
                    expected.Add((held.Record, false));
                }
            }
            else
            {
                expected.Add((held.Record, true));
            }
        }

        var distinctLists = stored.Select(s => s.Metadata).Distinct(ReferenceEqualityComparer.Instance).Count();
        Assert.Multiple(() =>
        {
            Assert.That(distinctLists, Is.LessThan(stored.Count / 4), "events share metadata lists, so the list shortcut is what runs");
            Assert.That(items.Items.Select(i => (i.Record, i.IsEvent)), Is.EqualTo(expected));
            Assert.That(items.Items.Where(i => !i.IsEvent).Select(i => i.ArchiveTimestamp), Is.All.EqualTo(0u), "metadata carries archive time 0");
        });
    }

    [Test]
    public void A_shared_list_adds_its_records_once_and_a_new_list_only_the_records_not_yet_sent()
    {
        var device = new IdNameRecord(RecordType.ManagedDevice, 1, "sensor-1");
        var realm = new IdNameRecord(RecordType.Realm, 2, "corp");
        var sameRealm = new IdNameRecord(RecordType.Realm, 2, "corp");
        var fileType = new IdNameRecord(RecordType.FileType, 3, "PDF");
        IReadOnlyList<IRecord> first = [device, realm];
        IReadOnlyList<IRecord> second = [sameRealm, fileType, device];
        var events = new[]
        {
            new StoredEvent(1, 100, TestRecords.HopsChange(100, 1), first),
            new StoredEvent(2, 101, TestRecords.HopsChange(101, 2), first),
            new StoredEvent(3, 102, TestRecords.HopsChange(102, 3), second),
            new StoredEvent(4, 103, TestRecords.HopsChange(103, 4), second),
            new StoredEvent(5, 104, TestRecords.HopsChange(104, 5), first),
        };

        var items = new SessionItems();
        items.Configure(Requests.Negotiated(Requests.Encore52Entries), extendedHeader: true);
        foreach (var held in events)
        {
            Assert.That(items.Add(held), Is.True);
        }

        Assert.That(items.Items.Select(i => i.Record), Is.EqualTo(new IRecord[]
        {
            device, realm, events[0].Record, events[1].Record, fileType, events[2].Record, events[3].Record, events[4].Record,
        }));
    }
}

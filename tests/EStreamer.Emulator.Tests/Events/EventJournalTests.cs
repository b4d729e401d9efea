using EStreamer.Emulator.Events;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Metadata;

namespace EStreamer.Emulator.Tests.Events;

/// <summary>The journal's cap: the oldest events make room, sequences stay continuous, and the drop is counted.</summary>
public sealed class EventJournalTests
{
    [Test]
    public void A_full_journal_drops_the_oldest_and_counts_them()
    {
        var journal = new EventJournal(capacity: 3);
        for (uint second = 1; second <= 5; second++)
        {
            journal.Append(second, Record(second), []);
        }

        var held = new List<StoredEvent>();
        var read = journal.Read(journal.StartSequence(0), 10, held);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(read, Is.EqualTo(3));
            Assert.That(journal.Count, Is.EqualTo(3));
            Assert.That(journal.Dropped, Is.EqualTo(2));
            Assert.That(held.Select(e => e.Sequence), Is.EqualTo(new long[] { 3, 4, 5 }));
            Assert.That(held.Select(e => e.ArchiveTimestamp), Is.EqualTo(new uint[] { 3, 4, 5 }));
            Assert.That(held.Select(e => e.Type), Is.EqualTo(held.Select(e => e.Record.RecordType)), "each event carries its record's type");
            Assert.That(held.Select(e => (uint)e.Type), Is.EqualTo(new uint[] { 3, 4, 5 }));
        }
    }

    [Test]
    public void Reads_and_timestamp_searches_follow_the_order_after_the_journal_wrapped()
    {
        var journal = new EventJournal(capacity: 1500);
        for (uint i = 0; i < 4000; i++)
        {
            journal.Append(100 + (i / 10), Record(i), []);
        }

        var held = new List<StoredEvent>();
        journal.Read(journal.StartSequence(0) + 1490, 100, held);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(journal.StartSequence(0), Is.EqualTo(2501));
            Assert.That(journal.StartSequence(0xFFFFFFFF), Is.EqualTo(4001));
            Assert.That(journal.StartSequence(100 + 300), Is.EqualTo(3001), "the first event of second 400 is the 3001st appended");
            Assert.That(held.Select(e => e.Sequence), Is.EqualTo(Enumerable.Range(3991, 10).Select(i => (long)i)));
        }
    }

    [Test]
    public void Clear_empties_the_journal_and_sequences_keep_counting()
    {
        var journal = new EventJournal(capacity: 2);
        journal.Append(1, Record(1), []);
        journal.Append(2, Record(2), []);
        journal.Append(3, Record(3), []);
        journal.Clear();
        journal.Append(4, Record(4), []);

        var held = new List<StoredEvent>();
        journal.Read(journal.StartSequence(0), 10, held);
        Assert.That(held.Select(e => e.Sequence), Is.EqualTo(new long[] { 4 }));
    }

    [Test]
    public void Equal_metadata_appended_apart_is_held_as_one_instance()
    {
        var journal = new EventJournal(capacity: 10);
        var device = new IdNameRecord(RecordType.ManagedDevice, 7, "edge-7");
        var sameDevice = new IdNameRecord(RecordType.ManagedDevice, 7, "edge-7");
        var otherDevice = new IdNameRecord(RecordType.ManagedDevice, 8, "edge-8");
        IReadOnlyList<IRecord> shared = [device];
        journal.Append(1, Record(1), shared);
        journal.Append(2, Record(2), [sameDevice, otherDevice]);
        journal.Append(3, sameDevice, []);

        var held = new List<StoredEvent>();
        journal.Read(journal.StartSequence(0), 10, held);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(held[0].Metadata, Is.SameAs(shared), "a list of first-seen instances is kept as it is");
            Assert.That(held[1].Metadata[0], Is.SameAs(device), "an equal record becomes the instance seen first");
            Assert.That(held[1].Metadata[1], Is.SameAs(otherDevice));
            Assert.That(held[2].Record, Is.SameAs(device), "a metadata record appended as an event is the same instance too");
        }
    }

    private static OpaqueRecord Record(uint marker) => new((RecordType)marker, new byte[] { 1, 2, 3 });
}

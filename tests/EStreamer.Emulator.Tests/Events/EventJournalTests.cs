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

    [Test]
    public void Events_hold_their_records_as_bodies_packed_together_and_other_records_as_themselves()
    {
        var journal = new EventJournal(capacity: 10);
        var first = Support.TestRecords.HopsChange(1, 3);
        var second = Support.TestRecords.HopsChange(2, 4);
        var device = new IdNameRecord(RecordType.ManagedDevice, 7, "edge-7");
        var large = new Protocol.Records.Intrusion.PacketRecord(1, 2, 3, 3, 0, Protocol.Records.Intrusion.PacketRecord.Ethernet, new byte[BodyStore.ChunkBytes / 4]);

        // Hops is one byte on the wire: 300 does not fit, so the record cannot be stored as a body.
        var unencodable = Support.TestRecords.HopsChange(5, 300);
        journal.Append(1, first, []);
        journal.Append(2, second, []);
        journal.Append(3, device, []);
        journal.Append(4, large, []);
        journal.Append(5, unencodable, []);
        journal.Append(6, Record(6), []);

        var held = new List<StoredEvent>();
        journal.Read(journal.StartSequence(0), 10, held);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(held[0].HeldRecord, Is.Null, "an event record is held as its body");
            Assert.That(held[0].Body.Span.ToArray(), Is.EqualTo(RecordCodec.WriteBody(first)), "the body is what the record writes of itself");
            Assert.That(held[1].Body.Chunk, Is.SameAs(held[0].Body.Chunk), "bodies share an array");
            Assert.That(held[1].Body.Offset, Is.EqualTo(held[0].Body.Offset + held[0].Body.Length));
            Assert.That(held[1].Record, Is.EqualTo(second), "the record decodes from its body");
            Assert.That(held[2].HeldRecord, Is.SameAs(device), "metadata is held as itself");
            Assert.That(held[3].Body.Chunk, Is.Not.SameAs(held[0].Body.Chunk), "a large body gets an array of its own");
            Assert.That(held[3].Body.Length, Is.EqualTo(held[3].Body.Chunk.Length));
            Assert.That(held[3].Record, Is.EqualTo(large));
            Assert.That(held[4].HeldRecord, Is.SameAs(unencodable), "a record its own layout cannot carry is held as itself");
            Assert.That(held[5].HeldRecord, Is.EqualTo(Record(6)), "raw bytes are held as themselves, to go out exactly as given");
            Assert.That(held[5].Body.IsEmpty, Is.True);
        }
    }

    private static OpaqueRecord Record(uint marker) => new((RecordType)marker, new byte[] { 1, 2, 3 });
}

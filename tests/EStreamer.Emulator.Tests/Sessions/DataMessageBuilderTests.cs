using DotNetty.Buffers;
using EStreamer.Emulator.Events;
using EStreamer.Emulator.Sessions;
using EStreamer.Emulator.Tests.Support;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Negotiation;
using EStreamer.Protocol.Records;

namespace EStreamer.Emulator.Tests.Sessions;

/// <summary>
/// The session's message builder writes the bytes the protocol codec writes for the same messages, whether a
/// payload is encoded for the session or taken from another session's encoding of the same layout, and
/// sessions with different layouts never share a payload.
/// </summary>
public sealed class DataMessageBuilderTests
{
    private const int Events = 150;

    // Room for a bundle of all of them: a few hundred bytes per record at most.
    private const int BundleRoom = 1 << 20;

    [TestCase(1, TestName = "Bundles_hold_the_codec_bytes_for_each_negotiation_for_a_lone_session")]
    [TestCase(2, TestName = "Bundles_hold_the_codec_bytes_for_each_negotiation_encoded_or_shared")]
    public void Bundles_hold_the_codec_bytes_for_each_negotiation(int readers)
    {
        var stored = StoredHistory();
        var shared = Readers(readers);
        var newest = Requests.Negotiated(Requests.Encore52Entries);
        var older = Requests.Negotiated(Requests.Encore38Entries);

        // Newest first (encodes and shares), older next (a different layout), newest again (shared payloads).
        foreach (var negotiation in new[] { newest, older, newest })
        {
            var builder = new DataMessageBuilder(shared);
            builder.Configure(negotiation, extendedHeader: true);
            var items = stored.Where(s => negotiation.Streams(s.Record.RecordType)).Select(s => PendingItem.ForEvent(s, s.ArchiveTimestamp)).ToList();
            var metadata = stored.SelectMany(s => s.Metadata).Distinct().Where(m => negotiation.Streams(m.RecordType)).Select(m => PendingItem.ForMetadata(m));
            items.InsertRange(0, metadata);
            Assert.That(items, Has.Count.GreaterThan(Events / 2));

            var expected = MessageCodec.Encode(new MessageBundle(7, 3, items.Select(i => new EventData(negotiation.Shape(i.Record), i.ArchiveTimestamp, true)).ToArray()));
            Assert.That(Bytes(builder.Bundle(UnpooledByteBufferAllocator.Default, 7, 3, items)), Is.EqualTo(expected));
        }

        // Payloads are kept for other sessions only while there are others to read them; eNcore 5.2 gets every stored
        // body as it is, so what is kept is eNcore 3.8's, for the records it gets in an older block.
        var event0 = stored.First(s => older.Streams(s.Type) && !older.WritesAsIs(s.Type, s.Body.OwnBlockType));
        var layout = older.Streamed[RecordFamilies.FamilyOf(event0.Type)];
        Assert.That(shared.Holds(PendingItem.ForEvent(event0, event0.ArchiveTimestamp), older.Profile, layout, extendedHeader: true), Is.EqualTo(readers > 1));
        Assert.That(stored.Where(s => newest.Streams(s.Type)).All(s => newest.WritesAsIs(s.Type, s.Body.OwnBlockType)), Is.True, "eNcore 5.2 gets every stored body as it is");
    }

    [Test]
    public void Payloads_are_kept_once_a_second_session_reads_the_source_and_not_after_it_leaves()
    {
        var stored = StoredHistory();
        var shared = Readers(1);

        // eNcore 3.8's records in an older block than their own: encoded for the session, so they can be kept.
        var negotiation = Requests.Negotiated(Requests.Encore38Entries);
        var builder = new DataMessageBuilder(shared);
        builder.Configure(negotiation, extendedHeader: true);
        var streamed = stored.Where(s => negotiation.Streams(s.Type) && !negotiation.WritesAsIs(s.Type, s.Body.OwnBlockType)).ToList();
        bool Kept(StoredEvent e) => shared.Holds(PendingItem.ForEvent(e, e.ArchiveTimestamp), negotiation.Profile, negotiation.Streamed[RecordFamilies.FamilyOf(e.Record.RecordType)], extendedHeader: true);

        builder.EventData(UnpooledByteBufferAllocator.Default, PendingItem.ForEvent(streamed[0], streamed[0].ArchiveTimestamp)).Release();
        shared.Join();
        builder.EventData(UnpooledByteBufferAllocator.Default, PendingItem.ForEvent(streamed[1], streamed[1].ArchiveTimestamp)).Release();
        shared.Leave();
        builder.EventData(UnpooledByteBufferAllocator.Default, PendingItem.ForEvent(streamed[2], streamed[2].ArchiveTimestamp)).Release();

        Assert.That(new[] { Kept(streamed[0]), Kept(streamed[1]), Kept(streamed[2]) }, Is.EqualTo(new[] { false, true, false }));
    }

    [TestCase(false, true, TestName = "A_lone_session_bundles_stored_bodies_without_an_allocation_per_record")]
    [TestCase(false, false, TestName = "A_lone_session_bundles_without_an_allocation_per_record")]
    [TestCase(true, false, TestName = "A_lone_session_with_eNcore_3_8_layouts_bundles_without_an_allocation_per_record")]
    public void A_lone_session_bundles_without_an_allocation_per_record(bool olderLayouts, bool storeBodies)
    {
        // eNcore 3.8 asks for older connection, intrusion, file and malware versions: its records are written in
        // the older blocks without a converted copy each. (From stored bodies, those records are decoded first:
        // each decoded record is an allocation, which this test does not cover.)
        var stored = StoredHistory(storeBodies);
        var negotiation = Requests.Negotiated(olderLayouts ? Requests.Encore38Entries : Requests.Encore52Entries);
        var builder = new DataMessageBuilder(Readers(1));
        builder.Configure(negotiation, extendedHeader: true);
        var items = stored.Where(s => negotiation.Streams(s.Record.RecordType)).Select(s => PendingItem.ForEvent(s, s.ArchiveTimestamp)).ToList();
        var buffers = new PreparedBufferAllocator(BundleRoom);
        builder.Bundle(buffers, 1, 1, items).Release();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var bundle = builder.Bundle(buffers, 1, 2, items);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        bundle.Release();

        // A kept payload per record would be hundreds of bytes each.
        Assert.That(items, Has.Count.GreaterThan(Events / 2));
        Assert.That(allocated, Is.LessThan(1024), $"{allocated} bytes for a bundle of {items.Count} records");
    }

    [Test]
    public void Sharing_sessions_bundle_without_an_allocation_per_record()
    {
        // Records held as they are, so that eNcore 5.2's payloads are encoded and shared rather than copied from stored bodies.
        var stored = StoredHistory(storeBodies: false);
        var negotiation = Requests.Negotiated(Requests.Encore52Entries);
        var shared = Readers(2);
        var items = stored.Where(s => negotiation.Streams(s.Record.RecordType)).Select(s => PendingItem.ForEvent(s, s.ArchiveTimestamp)).ToList();
        var first = new DataMessageBuilder(shared);
        first.Configure(negotiation, extendedHeader: true);
        var second = new DataMessageBuilder(shared);
        second.Configure(negotiation, extendedHeader: true);

        // One bundle each first: the slots get their buffers, the code its first run.
        var buffers = new PreparedBufferAllocator(BundleRoom);
        first.Bundle(buffers, 1, 1, items).Release();
        second.Bundle(buffers, 2, 1, items).Release();

        // The other header form is another key: the first session encodes and keeps every payload again, in the
        // slots' buffers; the second copies them.
        var otherForm = items.Select(i => i with { ArchiveTimestamp = 0 }).ToList();
        first.Configure(negotiation, extendedHeader: false);
        second.Configure(negotiation, extendedHeader: false);
        var allocated = new long[2];
        foreach (var (builder, index) in new[] { (first, 0), (second, 1) })
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var bundle = builder.Bundle(buffers, 1, 2, otherForm);
            allocated[index] = GC.GetAllocatedBytesForCurrentThread() - before;
            bundle.Release();
        }

        Assert.That(shared.Holds(items[^1], negotiation.Profile, negotiation.Streamed[RecordFamilies.FamilyOf(items[^1].Record.RecordType)], extendedHeader: false), Is.True);
        Assert.That(allocated, Is.All.LessThan(1024), $"{allocated[0]} and {allocated[1]} bytes for bundles of {items.Count} records");
    }

    private static SharedEncodings Readers(int count)
    {
        var shared = new SharedEncodings();
        for (var i = 0; i < count; i++)
        {
            shared.Join();
        }

        return shared;
    }

    [Test]
    public void Event_data_holds_the_codec_bytes_with_the_standard_and_the_extended_header()
    {
        var stored = StoredHistory();
        var shared = Readers(2);
        var negotiation = Requests.Negotiated(Requests.Encore52Entries);
        foreach (var extended in new[] { false, true, false })
        {
            var builder = new DataMessageBuilder(shared);
            builder.Configure(negotiation, extended);
            foreach (var s in stored.Where(s => negotiation.Streams(s.Record.RecordType)).Take(40))
            {
                var archive = extended ? s.ArchiveTimestamp : 0;
                var expected = MessageCodec.Encode(new EventDataMessage(new EventData(negotiation.Shape(s.Record), archive, extended)));
                Assert.That(Bytes(builder.EventData(UnpooledByteBufferAllocator.Default, PendingItem.ForEvent(s, archive))), Is.EqualTo(expected));
            }
        }
    }

    private static List<StoredEvent> StoredHistory(bool storeBodies = true)
    {
        var plan = BuiltInHistory.Of(seed: 11, events: Events).Compile(DateTimeOffset.UtcNow);
        var journal = new EventJournal(storeBodies: storeBodies);
        journal.Append(plan.Events.Take(Events).Select((e, i) => ((uint)(1_700_000_000 + i), e.Record, e.Metadata)));
        var stored = new List<StoredEvent>();
        journal.Read(1, Events, stored);
        return stored;
    }

    private static byte[] Bytes(IByteBuffer buffer)
    {
        try
        {
            var bytes = new byte[buffer.ReadableBytes];
            buffer.ReadBytes(bytes);
            return bytes;
        }
        finally
        {
            buffer.Release();
        }
    }
}

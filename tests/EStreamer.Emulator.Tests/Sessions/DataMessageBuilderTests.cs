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

    [Test]
    public void Bundles_hold_the_codec_bytes_for_each_negotiation_encoded_or_shared()
    {
        var stored = StoredHistory();
        var shared = new SharedEncodings();
        var newest = Negotiation(Requests.Encore52Entries);
        var older = Negotiation(Requests.Encore38Entries);

        // Newest first (encodes and shares), older next (a different layout), newest again (shared payloads).
        foreach (var negotiation in new[] { newest, older, newest })
        {
            var builder = new DataMessageBuilder(shared);
            builder.Configure(negotiation, extendedHeader: true);
            var items = stored.Where(s => negotiation.Streams(s.Record.RecordType)).Select(s => new PendingItem(s, s.Record, s.ArchiveTimestamp)).ToList();
            var metadata = stored.SelectMany(s => s.Metadata).Distinct().Where(m => negotiation.Streams(m.RecordType)).Select(m => new PendingItem(null, m, 0));
            items.InsertRange(0, metadata);
            Assert.That(items, Has.Count.GreaterThan(Events / 2));

            var expected = MessageCodec.Encode(new MessageBundle(7, 3, items.Select(i => new EventData(negotiation.Shape(i.Record), i.ArchiveTimestamp, true)).ToArray()));
            Assert.That(Bytes(builder.Bundle(UnpooledByteBufferAllocator.Default, 7, 3, items)), Is.EqualTo(expected));
        }
    }

    [Test]
    public void Event_data_holds_the_codec_bytes_with_the_standard_and_the_extended_header()
    {
        var stored = StoredHistory();
        var shared = new SharedEncodings();
        var negotiation = Negotiation(Requests.Encore52Entries);
        foreach (var extended in new[] { false, true, false })
        {
            var builder = new DataMessageBuilder(shared);
            builder.Configure(negotiation, extended);
            foreach (var s in stored.Where(s => negotiation.Streams(s.Record.RecordType)).Take(40))
            {
                var archive = extended ? s.ArchiveTimestamp : 0;
                var expected = MessageCodec.Encode(new EventDataMessage(new EventData(negotiation.Shape(s.Record), archive, extended)));
                Assert.That(Bytes(builder.EventData(UnpooledByteBufferAllocator.Default, new PendingItem(s, s.Record, archive))), Is.EqualTo(expected));
            }
        }
    }

    private static List<StoredEvent> StoredHistory()
    {
        var plan = BuiltInHistory.Of(seed: 11, events: Events).Compile(DateTimeOffset.UtcNow);
        var journal = new EventJournal();
        journal.Append(plan.Events.Take(Events).Select((e, i) => ((uint)(1_700_000_000 + i), e.Record, e.Metadata)));
        var stored = new List<StoredEvent>();
        journal.Read(1, Events, stored);
        return stored;
    }

    private static StreamNegotiation Negotiation(EventTypeEntry[] entries)
    {
        var requested = RequestedVersions.FromFlags(RequestFlags.EncoreDefault);
        requested.AddEntries(entries);
        return StreamNegotiation.Negotiate(requested, ClientProfile.Auto, sentStreamingRequest: true, _ => true);
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

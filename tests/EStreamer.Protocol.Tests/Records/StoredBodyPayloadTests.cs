using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Negotiation;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Connection;
using EStreamer.Protocol.Records.Metadata;

namespace EStreamer.Protocol.Tests.Records;

/// <summary>
/// An Event Data payload written from a body already encoded (the server's stored bodies) has the header of
/// reference 6.1 around those bytes, and a negotiation says which records it may send that way: those it would
/// write in their own block type, with no legacy form.
/// </summary>
public sealed class StoredBodyPayloadTests
{
    [Test]
    public void A_payload_from_a_stored_body_has_the_standard_header()
    {
        using var writer = new WireWriter();
        RecordCodec.WritePayload(writer, RecordType.Priority, Hex.Parse("00000003 0004 6C6F77"), archiveTimestamp: 0x6553F100, extendedHeader: false);

        Assert.That(Hex.Format(writer.WrittenSpan), Is.EqualTo(Hex.Format(Hex.Parse("""
            00000004              # 0: record type 4 (priority)
            00000009              # 4: record length, the body's 9 bytes
            00000003 0004 6C6F77  # 8: the body as given
            """))));
    }

    [Test]
    public void A_payload_from_a_stored_body_has_the_extended_header()
    {
        using var writer = new WireWriter();
        RecordCodec.WritePayload(writer, RecordType.Priority, Hex.Parse("00000003 0004 6C6F77"), archiveTimestamp: 0x6553F100, extendedHeader: true, reserved: 7);

        Assert.That(Hex.Format(writer.WrittenSpan), Is.EqualTo(Hex.Format(Hex.Parse("""
            00000004              # 0: record type 4 (priority)
            00000009              # 4: record length
            6553F100              # 8: archive timestamp
            00000007              # 12: reserved
            00000003 0004 6C6F77  # 16: the body as given
            """))));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void A_payload_from_a_record_s_own_body_equals_the_payload_of_the_record(bool extendedHeader)
    {
        var record = new ConnectionStatisticsRecord { InitiatorPort = 49152, ResponderPort = 443 };
        using var fromRecord = new WireWriter();
        RecordCodec.WritePayload(fromRecord, record, 0x6553F100, extendedHeader);
        using var fromBody = new WireWriter();
        RecordCodec.WritePayload(fromBody, record.RecordType, RecordCodec.WriteBody(record), 0x6553F100, extendedHeader);

        Assert.That(Hex.Format(fromBody.WrittenSpan), Is.EqualTo(Hex.Format(fromRecord.WrittenSpan)));
    }

    [Test]
    public void A_negotiation_sends_as_is_what_it_would_write_in_the_record_s_own_block()
    {
        var newest = new ConnectionStatisticsRecord();
        var older = Encore(new EventTypeEntry(14, 71));
        var current = Encore(new EventTypeEntry(LayoutTable.ImplementedVersions(EventFamily.Connection).Max(), 71));

        older.ShapeForWriting(newest, out var olderBlock);
        current.ShapeForWriting(newest, out var currentBlock);
        Assert.Multiple(() =>
        {
            Assert.That(olderBlock, Is.Not.Null, "connection v14 writes the newest record in an older block");
            Assert.That(older.WritesAsIs(newest.RecordType, newest.BlockType), Is.False);
            Assert.That(currentBlock, Is.Null, "the newest connection version writes the record in its own block");
            Assert.That(current.WritesAsIs(newest.RecordType, newest.BlockType), Is.True);

            // A record that is not versioned goes as it is unless a legacy form rewrites it.
            Assert.That(current.WritesAsIs(RecordType.Priority, ownBlockType: null), Is.True);
        });
    }

    [Test]
    public void A_legacy_layout_never_sends_a_stored_body_as_is()
    {
        // Flag-only, the legacy intrusion flag (bit 2): intrusion events go as the legacy records with VLAN (reference 5.6).
        var flagOnly = StreamNegotiation.Negotiate(RequestedVersions.FromFlags(RequestFlags.PacketData | RequestFlags.IntrusionLegacy), ClientProfile.Auto, sentStreamingRequest: false, _ => true);
        var layout = flagOnly.Streamed.Values.Single(l => l.Family == EventFamily.Intrusion);

        Assert.That(layout.Legacy, Is.Not.EqualTo(LegacyForm.None), "this request gets a legacy intrusion layout");
        Assert.That(flagOnly.WritesAsIs(RecordType.IntrusionEvent, ownBlockType: null), Is.False);
    }

    private static StreamNegotiation Encore(params EventTypeEntry[] entries)
    {
        var requested = RequestedVersions.FromFlags(RequestFlags.EncoreDefault);
        requested.AddEntries(entries);
        return StreamNegotiation.Negotiate(requested, ClientProfile.Auto, sentStreamingRequest: true, _ => true);
    }
}

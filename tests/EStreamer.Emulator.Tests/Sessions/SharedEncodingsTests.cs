using EStreamer.Emulator.Events;
using EStreamer.Emulator.Sessions;
using EStreamer.Emulator.Tests.Support;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Negotiation;

namespace EStreamer.Emulator.Tests.Sessions;

/// <summary>
/// The payloads sessions share: a payload comes back only for its own event, profile, layout and header form,
/// a slot reused by a later event forgets the earlier one, and a reader racing writers on the same slots gets
/// either the exact bytes of the event it asked for or nothing.
/// </summary>
public sealed class SharedEncodingsTests
{
    private static readonly StreamNegotiation Encore52 = Requests.Negotiated(Requests.Encore52Entries);
    private static readonly FamilyLayout Layout = Encore52.Streamed[EventFamily.Discovery];
    private static readonly FamilyLayout OtherLayout = Encore52.Streamed[EventFamily.Connection];

    [Test]
    public void A_payload_comes_back_only_for_its_own_key()
    {
        var shared = new SharedEncodings();
        var held = Event(5);
        shared.Remember(held, ClientProfile.Encore52, Layout, extendedHeader: true, Payload(5, 300));

        using var writer = new WireWriter(16);
        writer.WriteUInt8(0xAA);
        Assert.Multiple(() =>
        {
            Assert.That(shared.TryCopy(held, ClientProfile.Encore52, Layout, true, writer), Is.True);
            Assert.That(writer.WrittenSpan[1..].ToArray(), Is.EqualTo(Payload(5, 300)));
            Assert.That(writer.WrittenSpan[0], Is.EqualTo(0xAA), "appended after what the writer held");
            Assert.That(shared.Holds(held, ClientProfile.Encore38, Layout, true), Is.False, "another profile");
            Assert.That(shared.Holds(held, ClientProfile.Encore52, OtherLayout, true), Is.False, "another layout");
            Assert.That(shared.Holds(held, ClientProfile.Encore52, Layout, false), Is.False, "another header form");
            Assert.That(shared.Holds(Event(5), ClientProfile.Encore52, Layout, true), Is.False, "another event with the same sequence");
        });

        var length = writer.Position;
        Assert.That(shared.TryCopy(Event(6), ClientProfile.Encore52, Layout, true, writer), Is.False);
        Assert.That(writer.Position, Is.EqualTo(length), "a miss appends nothing");
    }

    [Test]
    public void A_later_event_in_the_same_slot_replaces_the_earlier_one_and_reuses_its_buffer()
    {
        var shared = new SharedEncodings();
        var early = Event(7);
        var late = Event(7 + SharedEncodings.Slots);
        shared.Remember(early, ClientProfile.Encore52, Layout, true, Payload(1, 700));
        shared.Remember(late, ClientProfile.Encore52, Layout, true, Payload(2, 500));
        Assert.That(shared.Holds(early, ClientProfile.Encore52, Layout, true), Is.False);

        using var writer = new WireWriter();
        var third = Payload(3, 600);
        var before = GC.GetAllocatedBytesForCurrentThread();
        shared.Remember(early, ClientProfile.Encore52, Layout, true, third);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero, "a payload that fits the slot's buffer is copied into it");
        Assert.That(shared.TryCopy(early, ClientProfile.Encore52, Layout, true, writer), Is.True);
        Assert.That(writer.ToArray(), Is.EqualTo(Payload(3, 600)));
    }

    [Test]
    public void A_payload_over_the_limit_is_not_kept()
    {
        var shared = new SharedEncodings();
        shared.Remember(Event(1), ClientProfile.Encore52, Layout, true, Payload(1, SharedEncodings.MaxPayloadBytes + 1));
        Assert.That(shared.Holds(Event(1), ClientProfile.Encore52, Layout, true), Is.False);
    }

    [Test]
    public void Readers_racing_writers_get_the_exact_bytes_of_their_event_or_nothing()
    {
        // Eight events on two slots, payloads of different lengths and contents, rewritten by two threads while
        // two others read: a torn copy would show as bytes of another event or a wrong length.
        var shared = new SharedEncodings();
        var events = Enumerable.Range(0, 8).Select(i => Event(3 + (i % 2) + (i / 2) * SharedEncodings.Slots)).ToArray();
        var payloads = Enumerable.Range(0, 8).Select(i => Payload((byte)(i + 1), 1_500 + (i * 331))).ToArray();
        const int Rounds = 600_000;
        var copies = 0;
        var wrong = 0;

        void Write(int seed)
        {
            var random = new Random(seed);
            for (var round = 0; round < Rounds; round++)
            {
                var i = random.Next(events.Length);
                shared.Remember(events[i], ClientProfile.Encore52, Layout, true, payloads[i]);
            }
        }

        void Read(int seed)
        {
            var random = new Random(seed);
            using var writer = new WireWriter(4096);
            for (var round = 0; round < Rounds; round++)
            {
                var i = random.Next(events.Length);
                writer.Reset();
                if (!shared.TryCopy(events[i], ClientProfile.Encore52, Layout, true, writer))
                {
                    continue;
                }

                Interlocked.Increment(ref copies);
                if (!writer.WrittenSpan.SequenceEqual(payloads[i]))
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        }

        Task.WaitAll(Task.Run(() => Write(1)), Task.Run(() => Write(2)), Task.Run(() => Read(3)), Task.Run(() => Read(4)));
        Assert.That(wrong, Is.Zero, $"{wrong} of {copies} copies held bytes other than their event's");
        Assert.That(copies, Is.GreaterThan(0));
    }

    /// <summary>An event as a session sends it; each call makes a new record, so two calls are two events.</summary>
    private static PendingItem Event(long sequence) =>
        PendingItem.ForEvent(new StoredEvent(sequence, 1_700_000_000, TestRecords.HopsChange(1_700_000_000, 1), []), 1_700_000_000);

    private static byte[] Payload(byte fill, int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)(fill + i);
        }

        return bytes;
    }
}

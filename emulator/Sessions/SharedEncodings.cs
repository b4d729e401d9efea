using System.Numerics;
using System.Runtime.CompilerServices;
using EStreamer.Emulator.Events;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Negotiation;
using EStreamer.Protocol.Records;

namespace EStreamer.Emulator.Sessions;

/// <summary>
/// The Event Data payloads of recently streamed events, shared by every session that reads one event source:
/// sessions with the same layout for a family get the same bytes, so N clients streaming the same events
/// encode each one once. A payload depends only on the event, the client profile, the family's negotiated
/// layout and the header form, which together are the key. Payloads are kept only while two or more sessions
/// read the source: a lone session's would never be read again.
/// </summary>
/// <remarks>
/// Nothing is allocated per payload: the key and the bytes go into a fixed ring of slots by sequence, each slot
/// with a buffer of its own that later payloads reuse. A payload array and an entry object per record were
/// 178 MB a second of garbage with four clients, and the collections that promoted the kept payloads stopped the
/// event loops a quarter of the time. Sessions on other threads read a slot while another session may rewrite it,
/// so a slot carries a version, odd while it is written: a reader copies the bytes and then checks that the
/// version is the one it started with, and drops the copy (the session encodes for itself) if it is not. A
/// session far behind the others, whose events' slots have been reused, also encodes for itself.
/// </remarks>
internal sealed class SharedEncodings
{
    /// <summary>
    /// Events remembered: a few windows of bundles for clients that stream side by side. Clients with eight
    /// bundles of 1,000 in flight drift thousands of events apart, so fewer slots would miss often.
    /// </summary>
    public const int Slots = 16384;

    /// <summary>Payloads larger than this are not kept (a slot's buffer never grows past it); each session encodes them.</summary>
    public const int MaxPayloadBytes = 4096;

    private static readonly ConditionalWeakTable<IEventSource, SharedEncodings> BySource = new();

    private Slot[]? _slots;
    private int _readers;

    /// <summary>The cache of the sessions reading <paramref name="source"/>.</summary>
    public static SharedEncodings For(IEventSource source) => BySource.GetValue(source, _ => new SharedEncodings());

    /// <summary>True while two or more sessions read the source, so a payload one encodes may serve another.</summary>
    public bool Sharing => Volatile.Read(ref _readers) > 1;

    /// <summary>A session starts reading the source.</summary>
    public void Join() => Interlocked.Increment(ref _readers);

    /// <summary>A session stops reading the source.</summary>
    public void Leave() => Interlocked.Decrement(ref _readers);

    /// <summary>
    /// Appends the payload kept for this event and layout to <paramref name="into"/>; false, with nothing appended,
    /// when none is kept or its slot was rewritten during the copy.
    /// </summary>
    public bool TryCopy(in PendingItem item, ClientProfile profile, FamilyLayout layout, bool extendedHeader, WireWriter into)
    {
        if (Volatile.Read(ref _slots) is not { } slots)
        {
            return false;
        }

        ref var slot = ref slots[SlotOf(item)];
        if (!Matches(ref slot, item, profile, layout, extendedHeader, out var version, out var bytes, out var length))
        {
            return false;
        }

        var start = into.Position;
        into.WriteBytes(bytes.AsSpan(0, length));

        // The bytes were read before the version is read again: a slot rewritten meanwhile shows a new version.
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref slot.Version) != version)
        {
            into.Truncate(start);
            return false;
        }

        return true;
    }

    /// <summary>True when a payload for this event and layout is kept.</summary>
    public bool Holds(in PendingItem item, ClientProfile profile, FamilyLayout layout, bool extendedHeader) =>
        Volatile.Read(ref _slots) is { } slots
        && Matches(ref slots[SlotOf(item)], item, profile, layout, extendedHeader, out _, out _, out _);

    /// <summary>Keeps a payload for the other sessions, in the event's slot.</summary>
    public void Remember(in PendingItem item, ClientProfile profile, FamilyLayout layout, bool extendedHeader, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > MaxPayloadBytes)
        {
            return;
        }

        // Made on the first payload kept, so a source no two sessions read together costs nothing.
        var slots = LazyInitializer.EnsureInitialized(ref _slots, () => new Slot[Slots]);
        ref var slot = ref slots[SlotOf(item)];
        var version = Volatile.Read(ref slot.Version);
        if ((version & 1) != 0 || Interlocked.CompareExchange(ref slot.Version, version + 1, version) != version)
        {
            // Another session is writing this slot: it keeps its payload, this one keeps none.
            return;
        }

        if (slot.Bytes is not { } bytes || bytes.Length < payload.Length)
        {
            bytes = new byte[Math.Max(256, (int)BitOperations.RoundUpToPowerOf2((uint)payload.Length))];
            slot.Bytes = bytes;
        }

        payload.CopyTo(bytes);
        slot.Length = payload.Length;
        slot.Sequence = item.Sequence;
        slot.Holder = item.Holder;
        slot.Offset = item.Body.Offset;
        slot.Layout = layout;
        slot.Profile = profile;
        slot.ExtendedHeader = extendedHeader;
        Volatile.Write(ref slot.Version, version + 2);
    }

    /// <summary>Reads the slot's version, then whether it holds this key; its buffer and length come out for the copy.</summary>
    private static bool Matches(ref Slot slot, in PendingItem item, ClientProfile profile, FamilyLayout layout, bool extendedHeader, out int version, out byte[] bytes, out int length)
    {
        version = Volatile.Read(ref slot.Version);
        bytes = slot.Bytes!;
        length = slot.Length;

        // A slot being written (odd version) may hold a mix of two payloads' fields; the version check after the
        // copy catches the rest, and the length check keeps a mixed read inside the buffer.
        return (version & 1) == 0
            && slot.Sequence == item.Sequence
            && ReferenceEquals(slot.Holder, item.Holder)
            && slot.Offset == item.Body.Offset
            && slot.Profile == profile
            && ReferenceEquals(slot.Layout, layout)
            && slot.ExtendedHeader == extendedHeader
            && bytes is not null
            && (uint)length <= (uint)bytes.Length;
    }

    private static int SlotOf(in PendingItem item) => (int)(item.Sequence & (Slots - 1));

    private struct Slot
    {
        public int Version;
        public long Sequence;
        public object? Holder;
        public int Offset;
        public FamilyLayout? Layout;
        public ClientProfile Profile;
        public bool ExtendedHeader;
        public byte[]? Bytes;
        public int Length;
    }
}

using System.Runtime.CompilerServices;
using EStreamer.Emulator.Events;
using EStreamer.Protocol.Negotiation;

namespace EStreamer.Emulator.Sessions;

/// <summary>
/// The Event Data payloads of recently streamed events, shared by every session that reads one event source:
/// sessions with the same layout for a family get the same bytes, so N clients streaming the same events
/// encode each one once. A payload depends only on the event, the client profile, the family's negotiated
/// layout and the header form, which together are the key. The cache is a fixed ring of slots by sequence:
/// its memory is bounded, and a session far behind the others simply encodes for itself. Payloads are kept
/// only while two or more sessions read the source: a lone session's would never be read again, and keeping
/// them cost it an array per record.
/// </summary>
internal sealed class SharedEncodings
{
    /// <summary>
    /// Events remembered: a few windows of bundles for clients that stream side by side. Clients with eight
    /// bundles of 1,000 in flight drift thousands of events apart, so fewer slots would miss often.
    /// </summary>
    public const int Slots = 16384;

    private static readonly ConditionalWeakTable<IEventSource, SharedEncodings> BySource = new();

    private readonly Entry?[] _slots = new Entry?[Slots];
    private int _readers;

    /// <summary>The cache of the sessions reading <paramref name="source"/>.</summary>
    public static SharedEncodings For(IEventSource source) => BySource.GetValue(source, _ => new SharedEncodings());

    /// <summary>True while two or more sessions read the source, so a payload one encodes may serve another.</summary>
    public bool Sharing => Volatile.Read(ref _readers) > 1;

    /// <summary>A session starts reading the source.</summary>
    public void Join() => Interlocked.Increment(ref _readers);

    /// <summary>A session stops reading the source.</summary>
    public void Leave() => Interlocked.Decrement(ref _readers);

    /// <summary>The payload encoded for this event and layout, if a session encoded it recently.</summary>
    public byte[]? Find(StoredEvent stored, ClientProfile profile, FamilyLayout layout, bool extendedHeader)
    {
        var entry = Volatile.Read(ref _slots[Slot(stored)]);
        return entry is not null
            && ReferenceEquals(entry.Event, stored)
            && entry.Profile == profile
            && ReferenceEquals(entry.Layout, layout)
            && entry.ExtendedHeader == extendedHeader
            ? entry.Payload
            : null;
    }

    /// <summary>Remembers a payload; it replaces whatever the slot held (entries are immutable, so readers on other threads see one or the other).</summary>
    public void Remember(StoredEvent stored, ClientProfile profile, FamilyLayout layout, bool extendedHeader, byte[] payload) =>
        Volatile.Write(ref _slots[Slot(stored)], new Entry(stored, profile, layout, extendedHeader, payload));

    private static int Slot(StoredEvent stored) => (int)(stored.Sequence & (Slots - 1));

    private sealed record Entry(StoredEvent Event, ClientProfile Profile, FamilyLayout Layout, bool ExtendedHeader, byte[] Payload);
}

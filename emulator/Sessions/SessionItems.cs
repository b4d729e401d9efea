using EStreamer.Emulator.Events;
using EStreamer.Protocol.Negotiation;
using EStreamer.Protocol.Records;

namespace EStreamer.Emulator.Sessions;

/// <summary>
/// What a session sends for the events it reads: each event its negotiation grants, preceded by the metadata
/// records that ride with it the first time this session meets each (reference 12.4).
/// </summary>
internal sealed class SessionItems
{
    /// <summary>Lists remembered at most, so a source whose every event has a list of its own does not grow a session without bound.</summary>
    private const int MaxListsMet = 4096;

    private readonly HashSet<IRecord> _sentMetadata = [];

    // Metadata instances already handled: the journal holds one instance per metadata value, so a reference
    // check settles almost every look-up before the structural hash of the whole record is computed.
    private readonly HashSet<IRecord> _seenMetadata = new(ReferenceEqualityComparer.Instance);

    // Metadata lists whose every record this session has met. The journal shares one list among the events with
    // the same metadata (a million events refer to a few hundred lists), so after its first event a list costs
    // one look-up per event instead of one per record in it.
    private readonly HashSet<IReadOnlyList<IRecord>> _listsMet = new(ReferenceEqualityComparer.Instance);
    private StreamNegotiation? _negotiation;
    private bool _extendedHeader;

    /// <summary>The items gathered since the last <see cref="Clear"/>, in the order they are sent.</summary>
    public List<PendingItem> Items { get; } = [];

    public int Count => Items.Count;

    public void Configure(StreamNegotiation negotiation, bool extendedHeader)
    {
        _negotiation = negotiation;
        _extendedHeader = extendedHeader;
    }

    public void Clear() => Items.Clear();

    /// <summary>Adds the event (and its first-time metadata) if negotiated; false when the client does not get it.</summary>
    public bool Add(in StoredEvent stored)
    {
        var negotiation = _negotiation ?? throw new InvalidOperationException("the session has no negotiation yet");
        if (!negotiation.Streams(stored.Type))
        {
            return false;
        }

        if (negotiation.Streams(EventFamily.Metadata))
        {
            // An index, not foreach: enumerating an IReadOnlyList allocates an enumerator, once per event.
            var metadataList = stored.Metadata;
            if (metadataList.Count > 0 && !_listsMet.Contains(metadataList))
            {
                for (var i = 0; i < metadataList.Count; i++)
                {
                    var metadata = metadataList[i];
                    if (FirstTime(metadata))
                    {
                        // Metadata and other server-made records carry archive timestamp 0 (reference 4.2).
                        Items.Add(PendingItem.ForMetadata(metadata));
                    }
                }

                if (_listsMet.Count < MaxListsMet)
                {
                    _listsMet.Add(metadataList);
                }
            }
        }

        // A metadata record scripted as an event of its own still travels as metadata: archive timestamp 0,
        // and once per session.
        if (RecordFamilies.FamilyOf(stored.Type) == EventFamily.Metadata)
        {
            if (FirstTime(stored.Record))
            {
                Items.Add(PendingItem.ForMetadata(stored.Record));
            }

            return true;
        }

        Items.Add(PendingItem.ForEvent(stored, _extendedHeader ? stored.ArchiveTimestamp : 0));
        return true;
    }

    /// <summary>True the first time this session meets the metadata record (or one equal to it).</summary>
    private bool FirstTime(IRecord metadata) => _seenMetadata.Add(metadata) && _sentMetadata.Add(metadata);
}

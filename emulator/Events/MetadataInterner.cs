using EStreamer.Protocol.Records;

namespace EStreamer.Emulator.Events;

/// <summary>
/// Gives every metadata record the journal holds one instance per value: two equal records appended
/// separately come out as the same object. Sessions then settle "sent before?" by reference for almost every
/// metadata record, instead of hashing whole records per session and event, and the journal holds each value once.
/// The number of values remembered is capped; past the cap records pass through as they are (sessions still
/// compare by value, so nothing is sent twice).
/// </summary>
internal sealed class MetadataInterner
{
    /// <summary>Distinct metadata values (and canonical lists) remembered at most.</summary>
    public const int MaxValues = 65_536;

    // Canonical instances by reference (the fast path for generators that share one instance per value), and by value.
    private readonly HashSet<IRecord> _canonical = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<IRecord, IRecord> _byValue = [];

    // Lists already found to hold only canonical instances: generators share one list among the events with the
    // same metadata, so most lists are checked once rather than item by item per event.
    private readonly HashSet<IReadOnlyList<IRecord>> _canonicalLists = new(ReferenceEqualityComparer.Instance);

    /// <summary>The list itself when every item is already the instance of its value, else a copy that uses those instances.</summary>
    public IReadOnlyList<IRecord> List(IReadOnlyList<IRecord> metadata)
    {
        if (metadata.Count == 0 || _canonicalLists.Contains(metadata))
        {
            return metadata;
        }

        IRecord[]? copy = null;
        for (var i = 0; i < metadata.Count; i++)
        {
            var item = metadata[i];
            var canonical = Intern(item);
            if (copy is null && !ReferenceEquals(canonical, item))
            {
                copy = new IRecord[metadata.Count];
                for (var j = 0; j < i; j++)
                {
                    copy[j] = metadata[j];
                }
            }

            if (copy is not null)
            {
                copy[i] = canonical;
            }
        }

        if (copy is null && _canonicalLists.Count < MaxValues)
        {
            _canonicalLists.Add(metadata);
        }

        return copy ?? metadata;
    }

    /// <summary>The one instance of the metadata record's value (the record itself past the cap).</summary>
    public IRecord Intern(IRecord record)
    {
        if (_canonical.Contains(record))
        {
            return record;
        }

        if (_byValue.TryGetValue(record, out var canonical))
        {
            return canonical;
        }

        if (_byValue.Count < MaxValues)
        {
            _byValue.Add(record, record);
            _canonical.Add(record);
        }

        return record;
    }
}

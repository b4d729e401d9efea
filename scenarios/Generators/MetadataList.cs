using EStreamer.Protocol.Records;

namespace EStreamer.Scenarios.Generators;

/// <summary>
/// Collects the metadata an event refers to: each record once, nulls (nothing to refer to) skipped. The list
/// an event holds comes from <see cref="GeneratorContext.Shared"/>, so equal lists are one instance, and the
/// builder itself is reused from event to event (<see cref="GeneratorContext.Metadata"/>).
/// </summary>
internal sealed class MetadataList
{
    private readonly List<IRecord> _records = new(16);
    private readonly GeneratorContext _context;

    public MetadataList(GeneratorContext context)
    {
        _context = context;
    }

    /// <summary>Compares lists by the record instances they hold, in order.</summary>
    public static IEqualityComparer<IReadOnlyList<IRecord>> SameRecords { get; } = new SameRecordsComparer();

    public IReadOnlyList<IRecord> Records => _records;

    public MetadataList Add(IRecord? record)
    {
        if (record is not null && !Holds(record))
        {
            _records.Add(record);
        }

        return this;
    }

    public MetadataList AddRange(IReadOnlyList<IRecord> records)
    {
        for (var i = 0; i < records.Count; i++)
        {
            Add(records[i]);
        }

        return this;
    }

    public IReadOnlyList<IRecord> ToList() => _context.Shared(this);

    public MetadataList Clear()
    {
        _records.Clear();
        return this;
    }

    private bool Holds(IRecord record)
    {
        foreach (var held in _records)
        {
            if (ReferenceEquals(held, record) || held.Equals(record))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class SameRecordsComparer : IEqualityComparer<IReadOnlyList<IRecord>>
    {
        public bool Equals(IReadOnlyList<IRecord>? x, IReadOnlyList<IRecord>? y)
        {
            if (x is null || y is null || x.Count != y.Count)
            {
                return ReferenceEquals(x, y);
            }

            for (var i = 0; i < x.Count; i++)
            {
                if (!ReferenceEquals(x[i], y[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public int GetHashCode(IReadOnlyList<IRecord> list)
        {
            var hash = new HashCode();
            for (var i = 0; i < list.Count; i++)
            {
                hash.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(list[i]));
            }

            return hash.ToHashCode();
        }
    }
}

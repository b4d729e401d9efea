using EStreamer.Protocol.Records;

namespace EStreamer.Scenarios.Generators;

/// <summary>Collects the metadata an event refers to: each record once, nulls (nothing to refer to) skipped.</summary>
internal sealed class MetadataList
{
    private readonly List<IRecord> _records = [];

    public MetadataList Add(IRecord? record)
    {
        if (record is not null && !_records.Contains(record))
        {
            _records.Add(record);
        }

        return this;
    }

    public MetadataList AddRange(IEnumerable<IRecord> records)
    {
        foreach (var record in records)
        {
            Add(record);
        }

        return this;
    }

    public IReadOnlyList<IRecord> ToList() => _records.ToArray();
}

using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Records.Discovery;

namespace EStreamer.Protocol.Records.Layouts;

/// <summary>
/// A record of a declared layout (<see cref="RecordLayouts"/>) and its field values. Two records are equal
/// when they have the same type and encode to the same bytes.
/// </summary>
public sealed class LayoutRecord : IRecord, IEquatable<LayoutRecord>
{
    private byte[]? _body;

    public LayoutRecord(RecordLayout layout, FieldValues values)
    {
        Layout = layout;
        Values = values;
    }

    public RecordLayout Layout { get; }

    public FieldValues Values { get; }

    public RecordType RecordType => Layout.RecordType;

    // The body's bytes, made the first time the record is compared or hashed: equality is by encoding, and a
    // metadata record is compared often (once per session, and when the journal takes it). The values are
    // not changed once the record is made.
    private byte[] Body => _body ??= RecordCodec.WriteBody(this);

    /// <summary>The discovery header, for layouts that start with one.</summary>
    public DiscoveryHeader? Header => Values.TryGetValue(LayoutField.Header.Name, out var header) ? header as DiscoveryHeader : null;

    /// <summary>A copy with another discovery header (legacy shaping, a generator's host facts).</summary>
    public LayoutRecord WithHeader(DiscoveryHeader header)
    {
        var values = new FieldValues();
        foreach (var (name, value) in Values)
        {
            values.Set(name, value);
        }

        return new LayoutRecord(Layout, values.Set(LayoutField.Header.Name, header));
    }

    public void WriteBody(WireWriter writer) => LayoutCodec.Write(writer, Layout.Fields, Values, path: null);

    public bool Equals(LayoutRecord? other) =>
        other is not null && (ReferenceEquals(this, other) || (other.RecordType == RecordType && Body.AsSpan().SequenceEqual(other.Body)));

    public override bool Equals(object? obj) => Equals(obj as LayoutRecord);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(RecordType);
        hash.AddBytes(Body);
        return hash.ToHashCode();
    }

    public override string ToString() => $"{Layout.Name} (record {(uint)RecordType})";
}

using System.Collections;

namespace EStreamer.Protocol.Records.Layouts;

/// <summary>
/// The values of a declared layout, by field name. Integers are <see cref="ulong"/>, addresses
/// <see cref="System.Net.IPAddress"/>, MACs, fixed-size bytes and BLOBs <c>byte[]</c>, UUIDs <see cref="Guid"/>, text
/// <see cref="string"/>, nested blocks <see cref="FieldValues"/>, lists <c>IReadOnlyList&lt;FieldValues&gt;</c>
/// and the discovery header a <see cref="Discovery.DiscoveryHeader"/>. A field left out is written as zero,
/// empty text, an empty list or a block of zeros.
/// </summary>
public sealed class FieldValues : IReadOnlyDictionary<string, object>
{
    private readonly Dictionary<string, object> _values = new(StringComparer.Ordinal);

    public FieldValues Set(string name, object value)
    {
        _values[name] = value;
        return this;
    }

    public object this[string key] => _values[key];

    public IEnumerable<string> Keys => _values.Keys;

    public IEnumerable<object> Values => _values.Values;

    public int Count => _values.Count;

    public bool ContainsKey(string key) => _values.ContainsKey(key);

    public bool TryGetValue(string key, out object value) => _values.TryGetValue(key, out value!);

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>An integer field's value, or zero when it is not set.</summary>
    public ulong Number(string name) => _values.TryGetValue(name, out var value) ? Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    /// <summary>A nested block's values, or null when it is not set.</summary>
    public FieldValues? Nested(string name) => _values.TryGetValue(name, out var value) ? value as FieldValues : null;

    /// <summary>A list's items, or an empty list when it is not set.</summary>
    public IReadOnlyList<FieldValues> Items(string name) =>
        _values.TryGetValue(name, out var value) && value is IReadOnlyList<FieldValues> items ? items : [];
}

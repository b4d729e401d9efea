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
    // Names and values side by side in the order they were first set: a layout has a few dozen fields at most,
    // so a scan is as quick as a hash lookup, and a server holding many records keeps two small arrays per block.
    private string[] _names;
    private object[] _values;
    private int _count;

    // True while _names is an array other instances hold too: it is read, never written, until this instance
    // sets a name out of its order, when it takes a copy of its own.
    private bool _sharedNames;

    public FieldValues()
        : this(4)
    {
    }

    /// <summary>Values with room for <paramref name="capacity"/> fields before they grow.</summary>
    public FieldValues(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _names = new string[capacity];
        _values = new object[capacity];
    }

    /// <summary>
    /// Values whose fields are expected to be set in the order of <paramref name="names"/>, an array the caller
    /// shares among many instances and never changes: records filled field by field in their layout's order then
    /// hold one array of values each instead of two arrays. Setting a name out of that order still works; the
    /// instance then copies the names.
    /// </summary>
    public static FieldValues InOrder(string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return new FieldValues(names, new object[names.Length]);
    }

    private FieldValues(string[] sharedNames, object[] values)
    {
        _names = sharedNames;
        _values = values;
        _sharedNames = true;
    }

    public FieldValues Set(string name, object value)
    {
        ArgumentNullException.ThrowIfNull(name);
        var index = IndexOf(name);
        if (index >= 0)
        {
            _values[index] = value;
            return this;
        }

        if (_sharedNames)
        {
            if (_count < _names.Length && string.Equals(_names[_count], name, StringComparison.Ordinal))
            {
                _values[_count++] = value;
                return this;
            }

            _names = _names.AsSpan(0, _count).ToArray();
            Array.Resize(ref _values, _count);
            _sharedNames = false;
        }

        if (_count == _names.Length)
        {
            var size = Math.Max(4, _count * 2);
            Array.Resize(ref _names, size);
            Array.Resize(ref _values, size);
        }

        _names[_count] = name;
        _values[_count] = value;
        _count++;
        return this;
    }

    public object this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no field '{key}'");

    public IEnumerable<string> Keys => _names.Take(_count);

    public IEnumerable<object> Values => _values.Take(_count);

    public int Count => _count;

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, out object value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _values[index] : null!;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return new KeyValuePair<string, object>(_names[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>An integer field's value, or zero when it is not set.</summary>
    public ulong Number(string name) => TryGetValue(name, out var value) ? Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    /// <summary>A nested block's values, or null when it is not set.</summary>
    public FieldValues? Nested(string name) => TryGetValue(name, out var value) ? value as FieldValues : null;

    /// <summary>A list's items, or an empty list when it is not set.</summary>
    public IReadOnlyList<FieldValues> Items(string name) =>
        TryGetValue(name, out var value) && value is IReadOnlyList<FieldValues> items ? items : [];

    private int IndexOf(string name)
    {
        // Callers mostly pass the layout's own name strings: compare references before characters.
        for (var i = 0; i < _count; i++)
        {
            if (ReferenceEquals(_names[i], name))
            {
                return i;
            }
        }

        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

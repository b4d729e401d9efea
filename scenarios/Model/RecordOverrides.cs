using System.Reflection;

namespace EStreamer.Scenarios.Model;

/// <summary>
/// Field values a timeline step's <c>set</c> gives for its record, by property: the last word on any field
/// of a hand-coded record (intrusion event, connection, file ...), applied after generation. Nested records
/// (the discovery header, file transfer details) take their own overrides.
/// </summary>
internal sealed class RecordOverrides
{
    private readonly List<(PropertyInfo Property, object? Value, RecordOverrides? Nested)> _values = [];

    public bool IsEmpty => _values.Count == 0;

    public void Add(PropertyInfo property, object? value) => _values.Add((property, value, null));

    public void AddNested(PropertyInfo property, RecordOverrides nested) => _values.Add((property, null, nested));

    /// <summary>A copy of <paramref name="target"/> (a C# record) with every override set; the original is left alone.</summary>
    public T Apply<T>(T target)
        where T : notnull
    {
        // Records are immutable to their users; a clone made by the record's own copy constructor takes the
        // init-only setters without touching the instance other events may share.
        var clone = target.GetType().GetMethod("<Clone>$")!.Invoke(target, null)!;
        foreach (var (property, value, nested) in _values)
        {
            var newValue = nested is null ? value : nested.Apply(property.GetValue(clone)!);
            property.SetValue(clone, newValue);
        }

        return (T)clone;
    }
}

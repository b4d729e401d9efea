using System.Collections.Concurrent;
using System.Globalization;

namespace EStreamer.Protocol.Records.Layouts;

/// <summary>
/// The dotted names of nested fields and list items ("services[2].name") that errors name. Encoding needs them
/// only if a value is wrong, but passes them down for every field, so each is made once and reused: encoding a
/// record allocates nothing. Item names are kept for the first indexes only; longer lists make the rest per use.
/// </summary>
internal static class FieldPaths
{
    private const int MaxItemsKept = 65_536;

    private static readonly ConcurrentDictionary<(string Parent, string Name), string> Fields = new();
    private static readonly ConcurrentDictionary<(string Parent, int Index), string> Items = new();

    /// <summary>The field <paramref name="name"/> inside <paramref name="parent"/> (a top-level field is its own name).</summary>
    public static string Field(string? parent, string name) =>
        parent is null ? name : Fields.GetOrAdd((parent, name), static key => $"{key.Parent}.{key.Name}");

    /// <summary>Item <paramref name="index"/> of the list <paramref name="parent"/>.</summary>
    public static string Item(string parent, int index) =>
        Items.TryGetValue((parent, index), out var path)
            ? path
            : Items.Count < MaxItemsKept
                ? Items.GetOrAdd((parent, index), static key => Compose(key.Parent, key.Index))
                : Compose(parent, index);

    private static string Compose(string parent, int index) => string.Create(CultureInfo.InvariantCulture, $"{parent}[{index}]");
}

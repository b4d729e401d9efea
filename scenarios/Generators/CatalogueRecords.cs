using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Layouts;
using EStreamer.Protocol.Records.Metadata;

namespace EStreamer.Scenarios.Generators;

/// <summary>
/// The record types a scenario's <c>record</c> step and a traffic block's <c>record</c> family produce: every
/// declared layout and every ID–name and UUID–name metadata record. The event families with their own steps
/// (intrusion, connection, file ...) keep those steps. Policy records (145–147, block 64) are scriptable too. YAML names them by number or by kebab-case name.
/// </summary>
internal static class CatalogueRecords
{
    /// <summary>Every scriptable type, in numeric order; a traffic block's <c>record</c> family cycles through them.</summary>
    public static IReadOnlyList<RecordType> Types { get; } =
        RecordLayouts.All.Select(l => l.RecordType)
            .Concat(IdNameRecord.RecordTypes)
            .Concat(UuidNameRecord.RecordTypes)
            .Concat(PolicyRecord.RecordTypes)
            .Distinct()
            .Order()
            .ToArray();

    private static readonly HashSet<RecordType> Scriptable = [.. Types];

    /// <summary>Kebab-case names of every <see cref="RecordType"/> member: <c>vlan-tag-update</c>, <c>host-ioc-set</c>.</summary>
    public static IReadOnlyDictionary<string, RecordType> Names { get; } =
        Enum.GetValues<RecordType>().Distinct().ToDictionary(t => Loading.Names.Kebab(t.ToString()), t => t, StringComparer.Ordinal);

    public static bool IsScriptable(RecordType type) => Scriptable.Contains(type);

    public static string NameOf(RecordType type) =>
        NamesByType.TryGetValue(type, out var name) ? name : ((uint)type).ToString(System.Globalization.CultureInfo.InvariantCulture);

    // Each type's name once: generated traffic asks for them per event.
    private static readonly Dictionary<RecordType, string> NamesByType =
        Enum.GetValues<RecordType>().Distinct().ToDictionary(t => t, t => Loading.Names.Kebab(t.ToString()));
}

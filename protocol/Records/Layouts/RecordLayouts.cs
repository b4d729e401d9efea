using EStreamer.Protocol.Records.Discovery;
using EStreamer.Protocol.Records.Metadata;

namespace EStreamer.Protocol.Records.Layouts;

/// <summary>
/// Every record type with a declared layout, by type. Hand-coded records (intrusion, connection, file,
/// user, correlation events and their version-dependent blocks) are not here; <see cref="RecordCatalog"/>
/// reads both kinds.
/// </summary>
public static class RecordLayouts
{
    private static readonly Dictionary<RecordType, RecordLayout> ByType = Build();

    public static IReadOnlyCollection<RecordLayout> All => ByType.Values;

    public static bool TryGet(RecordType recordType, out RecordLayout layout) => ByType.TryGetValue(recordType, out layout!);

    public static RecordLayout Get(RecordType recordType) =>
        ByType.TryGetValue(recordType, out var layout)
            ? layout
            : throw new ArgumentOutOfRangeException(nameof(recordType), recordType, "no declared layout for this record type");

    private static Dictionary<RecordType, RecordLayout> Build()
    {
        var byType = new Dictionary<RecordType, RecordLayout>();
        foreach (var layout in DiscoveryLayouts.All.Concat(MetadataLayouts.All).Concat(UserInputLayouts.All))
        {
            byType.Add(layout.RecordType, layout);
        }

        return byType;
    }
}

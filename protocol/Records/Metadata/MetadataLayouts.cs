using EStreamer.Protocol.Records.Layouts;
using static EStreamer.Protocol.Records.Layouts.LayoutField;

namespace EStreamer.Protocol.Records.Metadata;

/// <summary>Metadata records with a declared layout (reference 10.2); all are sent with archive timestamp 0.</summary>
public static class MetadataLayouts
{
    private const string Reference = "reference 10.2";

    public static readonly RecordLayout CorrelationPolicy = new(
        (RecordType)69,
        "correlation policy",
        [UInt32("id"), Text16("name"), Text16("description"), Uuid("uuid"), Uuid("revision-uuid")],
        Reference);

    public static IReadOnlyList<RecordLayout> All { get; } = [CorrelationPolicy];
}

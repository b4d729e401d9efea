using EStreamer.Protocol.Messages;

namespace EStreamer.Protocol.Negotiation;

/// <summary>
/// What a client asked for, per family, at the highest version asked for across request flags and
/// extended (version, code) entries (reference 4.4): "flags ask for discovery 1 and 6, an extended
/// request asks for 3: 6 is sent". Flag-only families (packet data, extra data) count as version 1.
/// </summary>
public sealed class RequestedVersions
{
    // Flag bit → (family, version), reference 4.3. The flag versions sit below the extended ones on one
    // scale (correlation flags 1–5, extended 6+; discovery flags 1–5, extended 7+), and the legacy
    // intrusion bits name the pre-5.x versions 1 and 2; LayoutTable holds the layout of each.
    private static readonly (RequestFlags Flag, EventFamily Family, ushort Version)[] FlagVersions =
    [
        (RequestFlags.PacketData, EventFamily.PacketData, 1),
        (RequestFlags.MetadataV1, EventFamily.Metadata, 1),
        (RequestFlags.IntrusionLegacy, EventFamily.Intrusion, 1),
        (RequestFlags.DiscoveryV1, EventFamily.Discovery, 1),
        (RequestFlags.CorrelationV1, EventFamily.Correlation, 1),
        (RequestFlags.ImpactAlerts, EventFamily.ImpactAlert, 2),
        (RequestFlags.IntrusionWithImpactFlags, EventFamily.Intrusion, 2),
        (RequestFlags.DiscoveryV2, EventFamily.Discovery, 2),
        (RequestFlags.ConnectionV1, EventFamily.Connection, 1),
        (RequestFlags.CorrelationV2, EventFamily.Correlation, 2),
        (RequestFlags.DiscoveryV3, EventFamily.Discovery, 3),
        (RequestFlags.ConnectionV3, EventFamily.Connection, 3),
        (RequestFlags.CorrelationV3, EventFamily.Correlation, 3),
        (RequestFlags.MetadataV2, EventFamily.Metadata, 2),
        (RequestFlags.MetadataV3, EventFamily.Metadata, 3),
        (RequestFlags.DiscoveryV4, EventFamily.Discovery, 4),
        (RequestFlags.ConnectionV4, EventFamily.Connection, 4),
        (RequestFlags.CorrelationV4, EventFamily.Correlation, 4),
        (RequestFlags.MetadataV4, EventFamily.Metadata, 4),
        (RequestFlags.UserActivity, EventFamily.UserActivity, 1),
        (RequestFlags.CorrelationV5, EventFamily.Correlation, 5),
        (RequestFlags.DiscoveryV5, EventFamily.Discovery, 5),
        (RequestFlags.ExtraData, EventFamily.ExtraData, 1),
    ];

    private readonly Dictionary<EventFamily, ushort> _versions = [];
    private readonly List<EventTypeEntry> _unknownEntries = [];

    public IReadOnlyDictionary<EventFamily, ushort> Versions => _versions;

    /// <summary>Extended entries whose code names no known family; logged, nothing streamed for them.</summary>
    public IReadOnlyList<EventTypeEntry> UnknownEntries => _unknownEntries;

    public static RequestedVersions FromFlags(RequestFlags flags)
    {
        var requested = new RequestedVersions();
        requested.AddFlags(flags);
        return requested;
    }

    public void AddFlags(RequestFlags flags)
    {
        foreach (var (flag, family, version) in FlagVersions)
        {
            if ((flags & flag) != 0)
            {
                Add(family, version);
            }
        }
    }

    public void AddEntries(IEnumerable<EventTypeEntry> entries)
    {
        foreach (var entry in entries)
        {
            if (Enum.IsDefined(typeof(EventFamily), entry.Code) && entry.Code < (ushort)EventFamily.PacketData)
            {
                Add((EventFamily)entry.Code, entry.Version);
            }
            else
            {
                _unknownEntries.Add(entry);
            }
        }
    }

    /// <summary>Records a request; the highest version asked for wins.</summary>
    public void Add(EventFamily family, ushort version)
    {
        if (!_versions.TryGetValue(family, out var current) || version > current)
        {
            _versions[family] = version;
        }
    }

    public bool IsRequested(EventFamily family) => _versions.ContainsKey(family);

    public ushort? VersionOf(EventFamily family) => _versions.TryGetValue(family, out var version) ? version : null;
}

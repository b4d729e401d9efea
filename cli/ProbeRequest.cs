using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Negotiation;

namespace EStreamer.Emulator.Cli;

/// <summary>
/// Turns the families `probe` was given into a request: flag bits (reference 4.3) and, for an extended
/// request, (version, code) entries at the newest versions any known client asks for (reference 5.3).
/// Every request sets bit 23 so that records carry their archive timestamps (reference 6.2).
/// </summary>
internal static class ProbeRequest
{
    /// <summary>In the order the 2049 lists codes (reference 5.3), flag-only families last.</summary>
    public static readonly IReadOnlyList<EventFamily> AllFamilies =
    [
        EventFamily.Intrusion,
        EventFamily.Metadata,
        EventFamily.Correlation,
        EventFamily.Discovery,
        EventFamily.Connection,
        EventFamily.UserActivity,
        EventFamily.Malware,
        EventFamily.File,
        EventFamily.ImpactAlert,
        EventFamily.PacketData,
        EventFamily.ExtraData,
    ];

    // eNcore 5.2's versions (reference 5.3): the newest any client is known to decode.
    private static readonly Dictionary<EventFamily, ushort> NewestVersions = new()
    {
        [EventFamily.Intrusion] = 11,
        [EventFamily.Metadata] = 4,
        [EventFamily.Correlation] = 9,
        [EventFamily.Discovery] = 11,
        [EventFamily.Connection] = 17,
        [EventFamily.UserActivity] = 7,
        [EventFamily.Malware] = 8,
        [EventFamily.File] = 7,
        [EventFamily.ImpactAlert] = 2,
    };

    // The newest flag bit of each family (reference 4.3). Malware and file have none.
    private static readonly Dictionary<EventFamily, RequestFlags> PlainFlags = new()
    {
        [EventFamily.PacketData] = RequestFlags.PacketData,
        [EventFamily.ImpactAlert] = RequestFlags.ImpactAlerts,
        [EventFamily.Intrusion] = RequestFlags.IntrusionWithImpactFlags,
        [EventFamily.Metadata] = RequestFlags.MetadataV4,
        [EventFamily.Discovery] = RequestFlags.DiscoveryV5,
        [EventFamily.Correlation] = RequestFlags.CorrelationV5,
        [EventFamily.Connection] = RequestFlags.ConnectionV4,
        [EventFamily.UserActivity] = RequestFlags.UserActivity,
        [EventFamily.ExtraData] = RequestFlags.ExtraData,
    };

    // Next to its 2049 eNcore sets only these bits (reference 4.3: 0x48900061 with bits 23 and 30).
    // Copying it keeps the probe's extended request one that real servers are known to accept.
    private static readonly Dictionary<EventFamily, RequestFlags> ExtendedFlags = new()
    {
        [EventFamily.PacketData] = RequestFlags.PacketData,
        [EventFamily.ImpactAlert] = RequestFlags.ImpactAlerts,
        [EventFamily.Intrusion] = RequestFlags.IntrusionWithImpactFlags,
        [EventFamily.Metadata] = RequestFlags.MetadataV4,
        [EventFamily.ExtraData] = RequestFlags.ExtraData,
    };

    private static readonly Dictionary<EventFamily, string> Names = new()
    {
        [EventFamily.Intrusion] = "intrusion",
        [EventFamily.Metadata] = "metadata",
        [EventFamily.Correlation] = "correlation",
        [EventFamily.Discovery] = "discovery",
        [EventFamily.Connection] = "connection",
        [EventFamily.UserActivity] = "user-activity",
        [EventFamily.Malware] = "malware",
        [EventFamily.File] = "file",
        [EventFamily.ImpactAlert] = "impact",
        [EventFamily.PacketData] = "packet-data",
        [EventFamily.ExtraData] = "extra-data",
    };

    public static string NameOf(EventFamily family) => Names[family];

    /// <summary>"all" or a comma-separated list of family names; duplicates collapse, order follows <see cref="AllFamilies"/>.</summary>
    public static IReadOnlyList<EventFamily> ParseFamilies(string list)
    {
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
        {
            throw new UsageException("--families needs at least one family name");
        }

        if (names.Length == 1 && names[0].Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return AllFamilies;
        }

        var chosen = names.Select(ParseFamily).ToHashSet();
        return AllFamilies.Where(chosen.Contains).ToArray();
    }

    public static EventFamily ParseFamily(string name)
    {
        // The server's --disable-families parser knows every family but metadata, which an
        // operator cannot switch off (reference 1.6) but a client can leave out.
        if (name.Equals("metadata", StringComparison.OrdinalIgnoreCase))
        {
            return EventFamily.Metadata;
        }

        try
        {
            return OptionsBinder.ParseFamily(name);
        }
        catch (UsageException)
        {
            throw new UsageException($"unknown event family '{name}' ({string.Join(", ", AllFamilies.Select(NameOf))} or all)");
        }
    }

    /// <summary>Families that only an extended request can ask for (reference 4.3, last paragraph).</summary>
    public static IReadOnlyList<EventFamily> WithoutFlagBit(IEnumerable<EventFamily> families) =>
        families.Where(f => !PlainFlags.ContainsKey(f)).ToArray();

    public static RequestFlags Flags(IEnumerable<EventFamily> families, bool extended)
    {
        var table = extended ? ExtendedFlags : PlainFlags;
        var flags = RequestFlags.ExtendedHeader | (extended ? RequestFlags.ExtendedRequest : RequestFlags.None);
        foreach (var family in families)
        {
            if (table.TryGetValue(family, out var flag))
            {
                flags |= flag;
            }
        }

        return flags;
    }

    /// <summary>The 2049's (version, code) list, in code order as eNcore sends it; flag-only families have no entry.</summary>
    public static EventTypeEntry[] Entries(IEnumerable<EventFamily> families) =>
        families
            .Where(NewestVersions.ContainsKey)
            .OrderBy(f => (ushort)f)
            .Select(f => new EventTypeEntry(NewestVersions[f], (ushort)f))
            .ToArray();
}

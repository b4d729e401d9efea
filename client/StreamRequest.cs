using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Negotiation;

namespace EStreamer.Client;

/// <summary>
/// What a client asks for: start time and request flags (reference 4), and for an extended request
/// (flag bit 30) the (version, code) entries of the Streaming Request that follows the server's
/// Streaming Information (reference 5.3).
/// </summary>
public sealed record StreamRequest(uint StartTime, RequestFlags Flags, EquatableArray<EventTypeEntry> Entries)
{
    /// <summary>Every family a client can ask for, in the order the 2049 lists codes (reference 5.3), flag-only families last.</summary>
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

    /// <summary>eNcore 5.2's 2049 list (reference 5.3).</summary>
    public static readonly EquatableArray<EventTypeEntry> Encore52Entries = new EventTypeEntry[]
    {
        new(11, 12), new(4, 21), new(9, 31), new(11, 61), new(17, 71), new(7, 91), new(8, 101), new(7, 111), new(2, 131),
    };

    /// <summary>eNcore 3.8's 2049 list (reference 5.3).</summary>
    public static readonly EquatableArray<EventTypeEntry> Encore38Entries = new EventTypeEntry[]
    {
        new(9, 12), new(4, 21), new(9, 31), new(11, 61), new(14, 71), new(7, 91), new(7, 101), new(6, 111), new(2, 131),
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
    // Copying it keeps an extended request one that real servers are known to accept.
    private static readonly Dictionary<EventFamily, RequestFlags> ExtendedFlags = new()
    {
        [EventFamily.PacketData] = RequestFlags.PacketData,
        [EventFamily.ImpactAlert] = RequestFlags.ImpactAlerts,
        [EventFamily.Intrusion] = RequestFlags.IntrusionWithImpactFlags,
        [EventFamily.Metadata] = RequestFlags.MetadataV4,
        [EventFamily.ExtraData] = RequestFlags.ExtraData,
    };

    // eNcore 5.2's versions (reference 5.3): the newest any client is known to decode.
    private static readonly Dictionary<EventFamily, ushort> NewestVersions =
        Encore52Entries.ToDictionary(e => (EventFamily)e.Code, e => e.Version);

    /// <summary>True when flag bit 30 asks for the extended exchange (reference 5).</summary>
    public bool IsExtended => (Flags & RequestFlags.ExtendedRequest) != 0;

    /// <summary>eNcore's own request: flags 0x48900061 and its 5.2 list.</summary>
    public static StreamRequest Encore52(uint startTime) => new(startTime, RequestFlags.EncoreDefault, Encore52Entries);

    /// <summary>A flag-only request (bit 30 cleared whatever <paramref name="flags"/> says).</summary>
    public static StreamRequest Plain(uint startTime, RequestFlags flags) => new(startTime, flags & ~RequestFlags.ExtendedRequest, EquatableArray<EventTypeEntry>.Empty);

    /// <summary>An extended request (bit 30 set) with the 2049's entries.</summary>
    public static StreamRequest Extended(uint startTime, RequestFlags flags, params EventTypeEntry[] entries) => new(startTime, flags | RequestFlags.ExtendedRequest, entries);

    /// <summary>
    /// A request for whole families at their newest versions, with bit 23 so records carry their archive
    /// timestamps (reference 6.2). Plain: the newest flag bit of each family; families without one
    /// (<see cref="WithoutFlagBit"/>) are left out. Extended: eNcore's flag bits and a 2049 entry per
    /// family that has an event code, in code order.
    /// </summary>
    public static StreamRequest ForFamilies(IEnumerable<EventFamily> families, bool extended, uint startTime)
    {
        var chosen = families.ToArray();
        var table = extended ? ExtendedFlags : PlainFlags;
        var flags = RequestFlags.ExtendedHeader | (extended ? RequestFlags.ExtendedRequest : RequestFlags.None);
        foreach (var family in chosen)
        {
            if (table.TryGetValue(family, out var flag))
            {
                flags |= flag;
            }
        }

        if (!extended)
        {
            return new StreamRequest(startTime, flags, EquatableArray<EventTypeEntry>.Empty);
        }

        var entries = chosen
            .Distinct()
            .Where(NewestVersions.ContainsKey)
            .OrderBy(f => (ushort)f)
            .Select(f => new EventTypeEntry(NewestVersions[f], (ushort)f))
            .ToArray();
        return new StreamRequest(startTime, flags, entries);
    }

    /// <summary>Families that only an extended request can ask for (reference 4.3, last paragraph).</summary>
    public static IReadOnlyList<EventFamily> WithoutFlagBit(IEnumerable<EventFamily> families) =>
        families.Where(f => !PlainFlags.ContainsKey(f)).ToArray();

    /// <summary>The Event Stream Request (type 2) that opens the session.</summary>
    public EventStreamRequestMessage ToEventStreamRequest() => new(StartTime, Flags);

    /// <summary>The Streaming Request (2049) for service 6667 with the same flags and start time, as eNcore sends it.</summary>
    public StreamingRequestMessage ToStreamingRequest() => new(StreamingRequestMessage.EStreamerService, Flags, StartTime, Entries);
}

using EStreamer.Protocol.Records;

namespace EStreamer.Protocol.Negotiation;

/// <summary>
/// Which layout the emulator sends for which requested version (reference 5.6). A request for a version
/// that is not implemented falls back to the highest implemented lower one (step 3); nothing at or below
/// means the family is not streamed (step 4). Connection version 15 therefore falls back to 14 and never
/// reaches block 168, which kills eNcore 5.2's worker.
/// </summary>
public static class LayoutTable
{
    private static readonly Dictionary<EventFamily, FamilyLayout[]> Layouts = new()
    {
        [EventFamily.Intrusion] =
        [
            Layout(EventFamily.Intrusion, 9, (RecordType.IntrusionEvent, 60)),
            Layout(EventFamily.Intrusion, 10, (RecordType.IntrusionEvent, 81)),
            Layout(EventFamily.Intrusion, 11, (RecordType.IntrusionEvent, 85)),
        ],
        [EventFamily.Connection] =
        [
            Layout(EventFamily.Connection, 14, (RecordType.ConnectionStatistics, 163)),
            Layout(EventFamily.Connection, 16, (RecordType.ConnectionStatistics, 173)),
            Layout(EventFamily.Connection, 17, (RecordType.ConnectionStatistics, 174)),
        ],
        [EventFamily.File] =
        [
            Layout(EventFamily.File, 6, (RecordType.FileEvent, 56), (RecordType.FileMalwareEvent, 56)),
            Layout(EventFamily.File, 7, (RecordType.FileEvent, 79), (RecordType.FileMalwareEvent, 79)),
        ],
        [EventFamily.Malware] =
        [
            Layout(EventFamily.Malware, 7, (RecordType.MalwareEvent, 62)),
            Layout(EventFamily.Malware, 8, (RecordType.MalwareEvent, 80)),
        ],
        [EventFamily.UserActivity] =
        [
            Layout(EventFamily.UserActivity, 7, (RecordType.UserLogin, 167), (RecordType.VpnLogin, 167), (RecordType.VpnLogoff, 167)),
        ],
        [EventFamily.Correlation] = [Layout(EventFamily.Correlation, 9, (RecordType.CorrelationEvent, 156))],
        [EventFamily.Discovery] = [Layout(EventFamily.Discovery, 11)],
        [EventFamily.ImpactAlert] = [Layout(EventFamily.ImpactAlert, 2, (RecordType.IntrusionImpactAlert, 153))],
        [EventFamily.Metadata] = [Layout(EventFamily.Metadata, 4)],
        [EventFamily.PacketData] = [Layout(EventFamily.PacketData, 1)],
        [EventFamily.ExtraData] = [Layout(EventFamily.ExtraData, 1)],
    };

    public static IReadOnlyList<ushort> ImplementedVersions(EventFamily family) =>
        Layouts.TryGetValue(family, out var layouts) ? layouts.Select(l => l.Version).ToArray() : [];

    /// <summary>The layout for a requested version: exact, else the highest lower one, else null.</summary>
    public static FamilyLayout? Resolve(EventFamily family, ushort requestedVersion)
    {
        if (!Layouts.TryGetValue(family, out var layouts))
        {
            return null;
        }

        FamilyLayout? best = null;
        foreach (var layout in layouts)
        {
            if (layout.Version <= requestedVersion && (best is null || layout.Version > best.Version))
            {
                best = layout;
            }
        }

        return best;
    }

    private static FamilyLayout Layout(EventFamily family, ushort version, params (RecordType Type, uint Block)[] blocks) =>
        new(family, version, blocks.ToDictionary(b => b.Type, b => b.Block));
}

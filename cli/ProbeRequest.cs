using EStreamer.Client;
using EStreamer.Protocol.Negotiation;

namespace EStreamer.Emulator.Cli;

/// <summary>
/// The probe's words for event families (`--families intrusion,file`). Which flag bits and (version,
/// code) entries a family list becomes is the client library's <see cref="StreamRequest.ForFamilies"/>.
/// </summary>
internal static class ProbeRequest
{
    /// <summary>In the order the 2049 lists codes (reference 5.3), flag-only families last.</summary>
    public static IReadOnlyList<EventFamily> AllFamilies => StreamRequest.AllFamilies;

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
    public static IReadOnlyList<EventFamily> WithoutFlagBit(IEnumerable<EventFamily> families) => StreamRequest.WithoutFlagBit(families);
}

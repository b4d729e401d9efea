namespace EStreamer.Protocol.Messages;

/// <summary>
/// Request flags of the Event Stream Request, bit by bit as reference 4.3 names them. Bits whose
/// meaning no source confirms carry an <c>Unconfirmed</c> name so that they still decode by name.
/// </summary>
[Flags]
public enum RequestFlags : uint
{
    None = 0,
    PacketData = 1u << 0,
    MetadataV1 = 1u << 1,
    IntrusionLegacy = 1u << 2,
    DiscoveryV1 = 1u << 3,
    CorrelationV1 = 1u << 4,
    ImpactAlerts = 1u << 5,
    IntrusionWithImpactFlags = 1u << 6,
    DiscoveryV2 = 1u << 7,
    ConnectionV1 = 1u << 8,
    CorrelationV2 = 1u << 9,
    DiscoveryV3 = 1u << 10,
    HostOnly = 1u << 11,
    ConnectionV3 = 1u << 12,
    CorrelationV3 = 1u << 13,
    MetadataV2 = 1u << 14,
    MetadataV3 = 1u << 15,
    WaitForConfig = 1u << 16,
    DiscoveryV4 = 1u << 17,
    ConnectionV4 = 1u << 18,
    CorrelationV4 = 1u << 19,
    MetadataV4 = 1u << 20,
    UserActivity = 1u << 21,
    CorrelationV5 = 1u << 22,
    ExtendedHeader = 1u << 23,
    DiscoveryV5 = 1u << 24,
    UnconfirmedBit25 = 1u << 25,
    UnconfirmedBit26 = 1u << 26,
    ExtraData = 1u << 27,
    UnconfirmedBit28 = 1u << 28,
    Policy = 1u << 29,
    ExtendedRequest = 1u << 30,
    UnconfirmedBit31 = 1u << 31,

    /// <summary>eNcore's default subscription: bits 0, 5, 6, 20, 23, 27 and 30 (reference 4.3).</summary>
    EncoreDefault = PacketData | ImpactAlerts | IntrusionWithImpactFlags | MetadataV4 | ExtendedHeader | ExtraData | ExtendedRequest,
}

public static class RequestFlagsExtensions
{
    /// <summary>The set bits by name, one by one ("PacketData, ImpactAlerts, ..."), for logs and reports.</summary>
    public static string Describe(this RequestFlags flags)
    {
        if (flags == RequestFlags.None)
        {
            return "none";
        }

        var names = new List<string>();
        for (var bit = 0; bit < 32; bit++)
        {
            var flag = (RequestFlags)(1u << bit);
            if ((flags & flag) != 0)
            {
                names.Add(flag.ToString());
            }
        }

        return string.Join(", ", names);
    }
}

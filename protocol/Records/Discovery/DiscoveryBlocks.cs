using EStreamer.Protocol.Records.Layouts;
using static EStreamer.Protocol.Records.Layouts.LayoutField;

namespace EStreamer.Protocol.Records.Discovery;

/// <summary>Series-1 blocks that discovery and user-input records carry after the discovery header.</summary>
public static class DiscoveryBlocks
{
    /// <summary>Block 7: one integer (IOC set, bugtraq IDs).</summary>
    public static readonly BlockLayout Integer = new(7, "integer", [UInt32("value")]);

    /// <summary>Block 14: VLAN tag.</summary>
    public static readonly BlockLayout Vlan = new(14, "VLAN data", [UInt16("vlan-id"), UInt8("type"), UInt8("priority")]);

    /// <summary>Block 35: a string wrapped in a block (NetBIOS name).</summary>
    public static readonly BlockLayout StringInformation = new(35, "string information", [String("value")]);
}

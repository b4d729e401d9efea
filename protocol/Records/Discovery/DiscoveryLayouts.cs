using EStreamer.Protocol.Records.Layouts;
using static EStreamer.Protocol.Records.Layouts.LayoutField;

namespace EStreamer.Protocol.Records.Discovery;

/// <summary>
/// Discovery (host) change events with a declared layout: the discovery header, then one series-1 block
/// (reference 10.1). The simple ones with one number after the header stay <see cref="HostValueRecord"/>.
/// </summary>
public static class DiscoveryLayouts
{
    private const string Reference = "reference 10.1";

    public static readonly RecordLayout VlanTagUpdate = new(RecordType.VlanTagUpdate, "VLAN tag information update", [Header, Nested("vlan", DiscoveryBlocks.Vlan)], Reference);

    public static readonly RecordLayout NetBiosNameChange = new(RecordType.NetBiosNameChange, "NetBIOS name change", [Header, Nested("netbios-name", DiscoveryBlocks.StringInformation)], Reference);

    public static readonly RecordLayout HostIocSet = new(RecordType.HostIocSet, "host IOC set", [Header, Nested("ioc", DiscoveryBlocks.Integer)], Reference);

    public static IReadOnlyList<RecordLayout> All { get; } = [VlanTagUpdate, NetBiosNameChange, HostIocSet];
}

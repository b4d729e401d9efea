using EStreamer.Protocol.Records.Layouts;
using static EStreamer.Protocol.Records.Layouts.LayoutField;

namespace EStreamer.Protocol.Records.Discovery;

/// <summary>
/// Discovery (host) change events with a declared layout: the discovery header, then one series-1 block
/// (reference 10.1). The simple ones with one number after the header stay <see cref="HostValueRecord"/>.
/// The connection chunk (73) is here too: it has the same shape, though it belongs to the connection family.
/// </summary>
public static class DiscoveryLayouts
{
    private const string Encore = "eNcore definitions (reference 10.1)";

    // eNcore has no block 53 or 55: these two come from the integration guide (and the Perl SDK).
    private const string OsSource = "guide 5.3 table: OS data block 3.5+ (eNcore lacks block 53)";

    private const string AttributeSource = "guide 5.3 table: attribute definition block 4.7+, rest Perl SDK (eNcore lacks block 55)";

    public static readonly RecordLayout NewHost = Declare(RecordType.NewHost, "new host", "host-profile", DiscoveryBlocks.HostProfile);

    public static readonly RecordLayout NewTcpServer = Declare(RecordType.NewTcpServer, "new TCP server", "server", DiscoveryBlocks.Server);

    public static readonly RecordLayout NewUdpServer = Declare(RecordType.NewUdpServer, "new UDP server", "server", DiscoveryBlocks.Server);

    public static readonly RecordLayout NewClientApplication =
        Declare(RecordType.NewClientApplication, "new client application", "client-application", DiscoveryBlocks.ClientApplication);

    public static readonly RecordLayout TcpServerInformationUpdate =
        Declare(RecordType.TcpServerInformationUpdate, "TCP server information update", "server", DiscoveryBlocks.Server);

    public static readonly RecordLayout UdpServerInformationUpdate =
        Declare(RecordType.UdpServerInformationUpdate, "UDP server information update", "server", DiscoveryBlocks.Server);

    public static readonly RecordLayout OsInformationUpdate = Declare(
        RecordType.OsInformationUpdate, "OS information update", "operating-system", DiscoveryBlocks.OperatingSystem, OsSource);

    public static readonly RecordLayout VlanTagUpdate = Declare(RecordType.VlanTagUpdate, "VLAN tag information update", "vlan", DiscoveryBlocks.Vlan);

    public static readonly RecordLayout ClientApplicationTimeout =
        Declare(RecordType.ClientApplicationTimeout, "client application timeout", "client-application", DiscoveryBlocks.ClientApplication);

    public static readonly RecordLayout NetBiosNameChange = Declare(RecordType.NetBiosNameChange, "NetBIOS name change", "netbios-name", DiscoveryBlocks.StringInformation);

    public static readonly RecordLayout BannerUpdate = Declare(RecordType.BannerUpdate, "banner update", "banner", DiscoveryBlocks.ServerBanner);

    public static readonly RecordLayout HostAttributeAdd = Declare(
        RecordType.HostAttributeAdd, "host attribute add", "attribute", DiscoveryBlocks.AttributeDefinition, AttributeSource);

    public static readonly RecordLayout HostAttributeUpdate = Declare(
        RecordType.HostAttributeUpdate, "host attribute update", "attribute", DiscoveryBlocks.AttributeDefinition, AttributeSource);

    public static readonly RecordLayout HostAttributeDelete = Declare(
        RecordType.HostAttributeDelete, "host attribute delete", "attribute", DiscoveryBlocks.AttributeDefinition, AttributeSource);

    public static readonly RecordLayout TcpServerConfidenceUpdate =
        Declare(RecordType.TcpServerConfidenceUpdate, "TCP server confidence update", "server", DiscoveryBlocks.Server);

    public static readonly RecordLayout UdpServerConfidenceUpdate =
        Declare(RecordType.UdpServerConfidenceUpdate, "UDP server confidence update", "server", DiscoveryBlocks.Server);

    public static readonly RecordLayout OsConfidenceUpdate = Declare(
        RecordType.OsConfidenceUpdate, "OS confidence update", "operating-system", DiscoveryBlocks.OperatingSystem, OsSource);

    public static readonly RecordLayout ConnectionChunk = Declare(RecordType.ConnectionChunk, "connection chunk", "connection-chunk", DiscoveryBlocks.ConnectionChunk);

    public static readonly RecordLayout NewOs = Declare(RecordType.NewOs, "new OS", "fingerprint", DiscoveryBlocks.OsFingerprint);

    public static readonly RecordLayout IdentityConflict = Declare(RecordType.IdentityConflict, "identity conflict", "identity", DiscoveryBlocks.Identity);

    public static readonly RecordLayout IdentityTimeout = Declare(RecordType.IdentityTimeout, "identity timeout", "identity", DiscoveryBlocks.Identity);

    public static readonly RecordLayout ClientApplicationUpdate =
        Declare(RecordType.ClientApplicationUpdate, "client application update", "client-application", DiscoveryBlocks.ClientApplication);

    public static readonly RecordLayout HostIocSet = Declare(RecordType.HostIocSet, "host IOC set", "ioc", DiscoveryBlocks.Integer);

    public static IReadOnlyList<RecordLayout> All { get; } =
    [
        NewHost, NewTcpServer, NewUdpServer, NewClientApplication, TcpServerInformationUpdate, UdpServerInformationUpdate,
        OsInformationUpdate, VlanTagUpdate, ClientApplicationTimeout, NetBiosNameChange, BannerUpdate,
        HostAttributeAdd, HostAttributeUpdate, HostAttributeDelete, TcpServerConfidenceUpdate, UdpServerConfidenceUpdate,
        OsConfidenceUpdate, ConnectionChunk, NewOs, IdentityConflict, IdentityTimeout, ClientApplicationUpdate, HostIocSet,
    ];

    /// <summary>The shape every layout here shares: the discovery header, then one named block.</summary>
    private static RecordLayout Declare(RecordType recordType, string name, string blockField, BlockLayout block, string source = Encore) =>
        new(recordType, name, [Header, Nested(blockField, block)], source);
}

using EStreamer.Protocol.Records.Layouts;
using static EStreamer.Protocol.Records.Layouts.LayoutField;

namespace EStreamer.Protocol.Records.Discovery;

/// <summary>
/// Series-1 blocks of the user-input records 74–89 (host input from users, scanners and import tools).
/// Field order is the one eNcore decodes; where the guide differs, the block's comment says how. The guide
/// shows most of these lists as "Generic List" (31); they are written as list block 11 like every other
/// list (reference 9.5), which eNcore reads the same way.
/// </summary>
public static class UserInputBlocks
{
    /// <summary>Block 141 (5.2+, replaces the IPv4-only 61): an IP address range, both ends in 16-byte slots.</summary>
    public static readonly BlockLayout IpAddressRange = new(141, "IP address range", [IPv6("range-start"), IPv6("range-end")]);

    /// <summary>Block 63: one MAC address.</summary>
    public static readonly BlockLayout MacAddressSpecification = new(63, "MAC address specification", [Mac("mac-address")]);

    /// <summary>Block 67: one fix (patch) applied to a user-entered product.</summary>
    public static readonly BlockLayout Fix = new(67, "fix", [UInt32("fix-id")]);

    /// <summary>Block 57: a network (protocol type 0) or transport (1) protocol on the listed hosts.</summary>
    public static readonly BlockLayout UserProtocol = new(
        57,
        "user protocol",
        [ListOf("ip-ranges", IpAddressRange), ListOf("mac-addresses", MacAddressSpecification), UInt8("protocol-type"), UInt16("protocol")]);

    /// <summary>Block 83: who entered the protocols, and the protocols.</summary>
    public static readonly BlockLayout UserProtocolList = new(
        83,
        "user protocol list",
        [UInt32("source-type"), UInt32("source-id"), ListOf("protocols", UserProtocol)]);

    /// <summary>Block 138 (5.1.1+, replaces 59): a client application on the listed hosts.</summary>
    public static readonly BlockLayout UserClientApplication = new(
        138,
        "user client application",
        [
            ListOf("ip-ranges", IpAddressRange), UInt32("application-protocol-id"), UInt32("client-application-id"),
            String("version"), UInt32("payload-type"), UInt32("web-application-id"),
        ]);

    /// <summary>Block 60: who entered the client applications, and the applications.</summary>
    public static readonly BlockLayout UserClientApplicationList = new(
        60,
        "user client application list",
        [UInt32("source-type"), UInt32("source-id"), ListOf("client-applications", UserClientApplication)]);

    /// <summary>Block 78: hosts by address range and MAC, and who entered them.</summary>
    public static readonly BlockLayout UserHosts = new(
        78,
        "user hosts",
        [ListOf("ip-ranges", IpAddressRange), ListOf("mac-addresses", MacAddressSpecification), UInt32("source-id"), UInt32("source-type")]);

    /// <summary>Block 76: a server (port and protocol) on the listed hosts.</summary>
    public static readonly BlockLayout UserServer = new(76, "user server", [ListOf("ip-ranges", IpAddressRange), UInt16("port"), UInt16("protocol")]);

    /// <summary>
    /// Block 77: who entered the servers, and the servers. eNcore reads source ID first; the guide's table
    /// shows source type first.
    /// </summary>
    public static readonly BlockLayout UserServerList = new(
        77,
        "user server list",
        [UInt32("source-id"), UInt32("source-type"), ListOf("servers", UserServer)]);

    /// <summary>Block 124 (5.0+, replaces 79): one vulnerability marked valid or invalid on the listed hosts.</summary>
    public static readonly BlockLayout UserVulnerability = new(
        124,
        "user vulnerability",
        [
            ListOf("ip-ranges", IpAddressRange), UInt16("port"), UInt16("protocol"), UInt32("vulnerability-id"),
            Uuid("third-party-vulnerability-uuid"), String("vulnerability-name"), UInt32("client-application-id"),
            UInt32("application-protocol-id"), String("version"),
        ]);

    /// <summary>
    /// Block 80: who changed the vulnerabilities, and the vulnerabilities. eNcore reads source type, source ID
    /// and a uint32 "type" before the list; the guide's table shows only source ID then source type.
    /// </summary>
    public static readonly BlockLayout UserVulnerabilityChange = new(
        80,
        "user vulnerability change",
        [UInt32("source-type"), UInt32("source-id"), UInt32("type"), ListOf("vulnerabilities", UserVulnerability)]);

    /// <summary>Block 81: a host criticality set on the listed hosts.</summary>
    public static readonly BlockLayout UserCriticality = new(
        81,
        "user criticality",
        [ListOf("ip-ranges", IpAddressRange), UInt32("source-id"), UInt32("source-type"), UInt32("criticality")]);

    /// <summary>Block 82: a host attribute value (opaque bytes in a BLOB block) set on the listed hosts.</summary>
    public static readonly BlockLayout UserAttributeValue = new(
        82,
        "user attribute value",
        [ListOf("ip-ranges", IpAddressRange), UInt32("source-id"), UInt32("source-type"), UInt32("attribute-id"), Blob("value")]);

    /// <summary>
    /// Block 134 (5.1+; 65 and 118 before): a third-party product string and what it maps to, entered for
    /// the listed hosts (user OS and server input, scan results).
    /// </summary>
    public static readonly BlockLayout UserProduct = new(
        134,
        "user product",
        [
            UInt32("source-id"), UInt32("source-type"), ListOf("ip-ranges", IpAddressRange), UInt16("port"), UInt16("protocol"),
            UInt32("drop-user-product"), String("vendor"), String("product"), String("version"),
            UInt32("software-id"), UInt32("server-id"), UInt32("vendor-id"), UInt32("product-id"),
            String("major-version"), String("minor-version"), String("revision"),
            String("to-major-version"), String("to-minor-version"), String("to-revision"),
            String("build"), String("patch"), String("extension"), Uuid("os-uuid"), String("device-string"),
            UInt8("mobile"), UInt8("jailbroken"), ListOf("fixes", Fix),
        ]);

    /// <summary>Block 109: one vulnerability a scan reported, with its Bugtraq (block 7) and CVE (block 35) IDs.</summary>
    public static readonly BlockLayout ScanVulnerability = new(
        109,
        "scan vulnerability",
        [
            UInt16("port"), UInt16("protocol"), String("id"), String("name"), String("description"),
            String("name-clean"), String("description-clean"),
            ListOf("bugtraq-ids", DiscoveryBlocks.Integer), ListOf("cve-ids", DiscoveryBlocks.StringInformation),
        ]);

    /// <summary>Block 108: one server or OS finding of a scan, formatted and raw.</summary>
    public static readonly BlockLayout GenericScanResult = new(
        108,
        "generic scan result",
        [
            UInt16("port"), UInt16("protocol"), String("sub-server"), String("value"),
            String("sub-server-unformatted"), String("value-unformatted"),
        ]);

    /// <summary>Block 142 (5.2+, replaces 102): one host's scan result.</summary>
    public static readonly BlockLayout ScanResult = new(
        142,
        "scan result",
        [
            UInt32("user-id"), UInt32("scan-type"), IPv6("ip-address"), UInt16("port"), UInt16("protocol"), UInt16("flag"),
            ListOf("vulnerabilities", ScanVulnerability), ListOf("scan-results", GenericScanResult), ListOf("user-products", UserProduct),
        ]);
}

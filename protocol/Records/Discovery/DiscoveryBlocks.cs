using EStreamer.Protocol.Records.Layouts;
using static EStreamer.Protocol.Records.Layouts.LayoutField;

namespace EStreamer.Protocol.Records.Discovery;

/// <summary>
/// Series-1 blocks that discovery records carry after the discovery header, one object per block type.
/// Field order follows eNcore's definitions where they exist (what a real client decodes), otherwise the
/// integration guide; blocks that hold others are declared after the blocks they hold.
/// </summary>
public static class DiscoveryBlocks
{
    /// <summary>Block 1: sub-server of a server information block.</summary>
    public static readonly BlockLayout SubServer = new(1, "sub-server", [String("name"), String("vendor"), String("version")]);

    /// <summary>Block 4: network or transport protocol of a host profile.</summary>
    public static readonly BlockLayout Protocol = new(4, "protocol", [UInt16("protocol")]);

    /// <summary>Block 7: one integer (IOC set, bugtraq IDs).</summary>
    public static readonly BlockLayout Integer = new(7, "integer", [UInt32("value")]);

    /// <summary>Block 14: VLAN tag.</summary>
    public static readonly BlockLayout Vlan = new(14, "VLAN data", [UInt16("vlan-id"), UInt8("type"), UInt8("priority")]);

    /// <summary>Block 35: a string wrapped in a block (NetBIOS name).</summary>
    public static readonly BlockLayout StringInformation = new(35, "string information", [String("value")]);

    /// <summary>Block 37: server banner, the captured bytes in a BLOB block.</summary>
    public static readonly BlockLayout ServerBanner = new(37, "server banner", [UInt16("port"), UInt8("protocol"), Blob("banner")]);

    /// <summary>Block 39: one value of a list-type host attribute.</summary>
    public static readonly BlockLayout AttributeListItem = new(39, "attribute list item", [UInt32("attribute-id"), String("name")]);

    /// <summary>Block 53: operating system, a confidence and the fingerprint it names (guide: OS data block 3.5+).</summary>
    public static readonly BlockLayout OperatingSystem = new(53, "operating system", [UInt32("confidence"), Uuid("fingerprint-uuid")]);

    /// <summary>Block 85: a vulnerability of a host client application.</summary>
    public static readonly BlockLayout HostVulnerability = new(85, "host vulnerability", [UInt32("vulnerability-id"), UInt8("invalid-flags"), UInt32("type")]);

    /// <summary>Block 94: identity data of identity conflict and timeout events.</summary>
    public static readonly BlockLayout Identity = new(
        94,
        "identity",
        [UInt32("source-type"), UInt32("source-id"), Uuid("uuid"), UInt16("port"), UInt16("protocol"), UInt32("server-map-id")]);

    /// <summary>Block 95: host MAC address (the block of records 27 and 28).</summary>
    public static readonly BlockLayout HostMacAddress = new(95, "host MAC address", [UInt8("ttl"), Mac("mac-address"), UInt8("primary"), UInt32("last-seen")]);

    /// <summary>Block 123: web application seen on a server or client application.</summary>
    public static readonly BlockLayout WebApplication = new(123, "web application", [UInt32("application-id")]);

    /// <summary>Block 131: mobile device information of a fingerprint.</summary>
    public static readonly BlockLayout MobileDeviceInformation = new(
        131,
        "mobile device information",
        [String("hardware"), UInt32("last-seen"), UInt32("mobile"), UInt32("jailbroken")]);

    /// <summary>Block 117: what was learned about a server (application, vendor, version, sub-servers).</summary>
    public static readonly BlockLayout ServerInformation = new(
        117,
        "server information",
        [
            UInt32("application-id"), String("vendor"), String("version"), UInt32("last-used"), UInt32("source-type"),
            UInt32("source-id"), ListOf("sub-servers", SubServer),
        ]);

    /// <summary>Block 103: a TCP or UDP server of a host.</summary>
    public static readonly BlockLayout Server = new(
        103,
        "server",
        [
            UInt16("port"), UInt32("hits"), UInt32("last-used"), ListOf("server-information", ServerInformation),
            UInt32("confidence"), ListOf("web-applications", WebApplication),
        ]);

    /// <summary>Block 112: a client application in a full host profile, with its vulnerabilities.</summary>
    public static readonly BlockLayout HostClientApplication = new(
        112,
        "host client application",
        [
            UInt32("hits"), UInt32("last-used"), UInt32("application-id"), String("version"),
            ListOf("web-applications", WebApplication), ListOf("vulnerabilities", HostVulnerability),
        ]);

    /// <summary>Block 122: the client application of new, timeout and update events.</summary>
    public static readonly BlockLayout ClientApplication = new(
        122,
        "client application",
        [
            UInt32("hits"), UInt32("last-used"), UInt32("application-id"), UInt32("application-protocol-id"), String("version"),
            ListOf("web-applications", WebApplication),
        ]);

    /// <summary>Block 130: operating system fingerprint (guide: 5.1+).</summary>
    public static readonly BlockLayout OsFingerprint = new(
        130,
        "operating system fingerprint",
        [
            Uuid("fingerprint-uuid"), UInt32("fingerprint-type"), UInt32("source-type"), UInt32("source-id"), UInt32("last-seen"),
            UInt8("ttl-difference"), ListOf("mobile-devices", MobileDeviceInformation),
        ]);

    /// <summary>Block 136: connection chunk, five minutes of aggregated connections (guide: 5.1.1+).</summary>
    public static readonly BlockLayout ConnectionChunk = new(
        136,
        "connection chunk",
        [
            IPv4("initiator-ip-address"), IPv4("responder-ip-address"), UInt32("start-time"), UInt32("application-protocol-id"),
            UInt16("responder-port"), UInt8("protocol"), UInt8("connection-type"), IPv4("netflow-detector-ip-address"),
            UInt64("packets-sent"), UInt64("packets-received"), UInt64("bytes-sent"), UInt64("bytes-received"), UInt32("connections"),
        ]);

    /// <summary>Block 139: the host profile of a new host, every fingerprint, server, protocol, MAC and client list.</summary>
    public static readonly BlockLayout HostProfile = new(
        139,
        "host profile",
        [
            IPv6("ip-address"), UInt8("hops"), UInt8("primary-secondary"),
            ListOf("server-fingerprints", OsFingerprint), ListOf("client-fingerprints", OsFingerprint),
            ListOf("smb-fingerprints", OsFingerprint), ListOf("dhcp-fingerprints", OsFingerprint),
            ListOf("mobile-device-fingerprints", OsFingerprint), ListOf("ipv6-server-fingerprints", OsFingerprint),
            ListOf("ipv6-client-fingerprints", OsFingerprint), ListOf("ipv6-dhcp-fingerprints", OsFingerprint),
            ListOf("user-agent-fingerprints", OsFingerprint),
            ListOf("tcp-servers", Server), ListOf("udp-servers", Server),
            ListOf("network-protocols", Protocol), ListOf("transport-protocols", Protocol),
            ListOf("mac-addresses", HostMacAddress),
            UInt32("last-seen"), UInt32("host-type"), UInt8("mobile"), UInt8("jailbroken"),
            UInt8("vlan-presence"), UInt16("vlan-id"), UInt8("vlan-type"), UInt8("vlan-priority"),
            ListOf("client-applications", HostClientApplication), String("netbios-name"),
        ]);

    /// <summary>Block 146: an address a host attribute is assigned to automatically (guide: 5.2+, IPv6 slot).</summary>
    public static readonly BlockLayout AttributeAddress = new(146, "attribute address", [UInt32("attribute-id"), IPv6("ip-address"), UInt32("bits")]);

    /// <summary>
    /// Block 55: host attribute definition (guide: 4.7+). The guide's pages give the fields up to the
    /// attribute type; the rest (category, range, auto-assign address, item and address lists) follow the
    /// Perl SDK's definition, with the 5.2+ address block 146 in the address list.
    /// </summary>
    public static readonly BlockLayout AttributeDefinition = new(
        55,
        "attribute definition",
        [
            UInt32("source-id"), Uuid("uuid"), UInt32("attribute-id"), String("name"), UInt32("attribute-type"),
            UInt32("category"), UInt32("range-start"), UInt32("range-end"), IPv4("auto-assign-ip-address"),
            ListOf("list-items", AttributeListItem), ListOf("addresses", AttributeAddress),
        ]);
}

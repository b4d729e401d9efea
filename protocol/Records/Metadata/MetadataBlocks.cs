using EStreamer.Protocol.Records.Layouts;
using static EStreamer.Protocol.Records.Layouts.LayoutField;

namespace EStreamer.Protocol.Records.Metadata;

/// <summary>
/// Series-2 blocks that metadata records carry as their whole body. On the wire each carries its plain
/// number (reference 9.2); the record type tells which series applies.
/// </summary>
public static class MetadataBlocks
{
    /// <summary>Series-2 block 14: a UUID and its name (file policy and network analysis policy names).</summary>
    public static readonly BlockLayout UuidString = new(14, "UUID string mapping", [Uuid("uuid"), String("name")]);

    /// <summary>Series-2 block 19: ICMP type.</summary>
    public static readonly BlockLayout IcmpType = new(19, "ICMP type", [UInt16("type"), UInt16("protocol"), String("description")]);

    /// <summary>Series-2 block 20: ICMP code within a type.</summary>
    public static readonly BlockLayout IcmpCode = new(20, "ICMP code", [UInt16("code"), UInt16("type"), UInt16("protocol"), String("description")]);

    /// <summary>Series-2 block 22: security-intelligence category (list ID, access-control policy, list name).</summary>
    public static readonly BlockLayout SecurityIntelligenceCategory = new(
        22,
        "security intelligence category",
        [UInt32("category-id"), Uuid("access-control-policy-uuid"), String("name")]);

    /// <summary>Series-2 block 27: intrusion rule documentation.</summary>
    public static readonly BlockLayout RuleDocumentation = new(
        27,
        "rule documentation",
        [
            UInt32("signature-id"), UInt32("generator-id"), UInt32("revision"),
            String("summary"), String("impact"), String("detail"), String("affected-systems"), String("attack-scenarios"),
            String("ease-of-attack"), String("false-positives"), String("false-negatives"), String("corrective-action"),
            String("contributors"), String("additional-references"),
        ]);

    /// <summary>Series-2 block 39: indication-of-compromise name.</summary>
    public static readonly BlockLayout IocName = new(39, "IOC name", [UInt32("ioc-id"), String("category"), String("event-type")]);

    /// <summary>Series-2 block 40: a file's SHA-256 and the name it was seen under.</summary>
    public static readonly BlockLayout FileShaHash = new(
        40,
        "file SHA hash",
        [Bytes("sha256", 32), String("file-name"), UInt8("disposition"), UInt8("user-defined")]);

    /// <summary>Series-2 block 50: SSL certificate details; the three hashes are SHA-1 sized (20 bytes).</summary>
    public static readonly BlockLayout SslCertificateDetails = new(
        50,
        "SSL certificate details",
        [
            Bytes("fingerprint-sha1", 20), Bytes("public-key-sha1", 20), Bytes("serial-number", 20), UInt32("serial-number-length"),
            String("subject-common-name"), String("subject-organization"), String("subject-organizational-unit"), String("subject-country"),
            String("issuer-common-name"), String("issuer-organization"), String("issuer-organizational-unit"), String("issuer-country"),
            UInt32("valid-start-date"), UInt32("valid-finish-date"),
        ]);

    /// <summary>Series-2 block 57: user ID, protocol and user name (also the eNcore 5.2 form of record 98).</summary>
    public static readonly BlockLayout User = new(57, "user", [UInt32("user-id"), UInt32("protocol"), String("name")]);

    /// <summary>Series-2 block 58: endpoint profile (device type).</summary>
    public static readonly BlockLayout EndpointProfile = new(58, "endpoint profile", [UInt32("profile-id"), String("profile-name"), String("full-name")]);

    /// <summary>Series-2 block 59: access-control rule reason.</summary>
    public static readonly BlockLayout RuleReason = new(59, "access control rule reason", [UInt32("reason-id"), String("description")]);

    /// <summary>Series-2 block 61: ID, name and description (DNS record and response types).</summary>
    public static readonly BlockLayout IdNameDescription = new(61, "ID name description", [UInt32("id"), String("name"), String("description")]);
}

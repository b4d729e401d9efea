using EStreamer.Protocol.Records.Layouts;
using static EStreamer.Protocol.Records.Layouts.LayoutField;

namespace EStreamer.Protocol.Records.Metadata;

/// <summary>
/// Metadata records with a declared layout (reference 10.2); all are sent with archive timestamp 0. Where the
/// guide and eNcore disagree, the bytes follow what eNcore decodes. Plain ID–length–name records are not here
/// but in <see cref="IdNameRecord.RecordTypes"/>.
/// </summary>
public static class MetadataLayouts
{
    private const string ReferenceAndGuide = "reference 10.2; guide record table (5.3 and FireSIGHT editions)";
    private const string GuideBlock = "reference 10.2; guide series-2 block table";
    private const string Encore = "reference 10.2; eNcore definitions (guide table not found)";

    public static readonly RecordLayout OsFingerprint = new(
        RecordType.OsFingerprint,
        "OS fingerprint",
        [Uuid("fingerprint-uuid"), Text32("name"), Text32("vendor"), Text32("version")],
        ReferenceAndGuide);

    public static readonly RecordLayout Vulnerability = new(
        RecordType.Vulnerability,
        "vulnerability",
        [
            UInt32("vulnerability-id"), UInt32("impact"), UInt8("exploits"), UInt8("remote"),
            Text32("entry-date"), Text32("published-date"), Text32("modified-date"), Text32("title"),
            Text32("short-description"), Text32("description"), Text32("technical-description"), Text32("solution"),
        ],
        ReferenceAndGuide);

    /// <summary>
    /// Record 62 as eNcore 5.2 decodes it: series-2 block 57, like record 98. The guide's form (ID, name
    /// length, name) fits neither client, and eNcore 3.8 mis-reads every form (reference 11.8).
    /// </summary>
    public static readonly RecordLayout SystemUser = new(
        RecordType.SystemUser,
        "system user",
        [Nested("user", MetadataBlocks.User)],
        "reference 11.8; eNcore 5.2 definitions (series-2 block 57), not the guide's ID-length-name form");

    public static readonly RecordLayout CorrelationPolicy = new(
        RecordType.CorrelationPolicy,
        "correlation policy",
        [UInt32("id"), Text16("name"), Text16("description"), Uuid("uuid"), Uuid("revision-uuid")],
        ReferenceAndGuide);

    public static readonly RecordLayout CorrelationRule = new(
        RecordType.CorrelationRule,
        "correlation rule",
        [UInt32("id"), Text16("name"), Text16("description"), Text16("event-type"), Uuid("uuid"), Uuid("revision-uuid"), Uuid("whitelist-uuid")],
        ReferenceAndGuide);

    /// <summary>
    /// Record 106 as the guide lays it out. eNcore's definition names a length field that does not exist for
    /// the BugTraq ID, so eNcore cannot decode any body of this type; both clients drop it undecoded.
    /// </summary>
    public static readonly RecordLayout ThirdPartyScannerVulnerability = new(
        RecordType.ThirdPartyScannerVulnerability,
        "third-party scanner vulnerability",
        [UInt32("vulnerability-id"), UInt32("scanner-type"), Text32("title"), Text32("description"), Text32("cve-id"), Text32("bugtraq-id")],
        ReferenceAndGuide);

    public static readonly RecordLayout AccessControlRuleReason = new(
        RecordType.AccessControlRuleReason,
        "access control rule reason",
        [Nested("reason", MetadataBlocks.RuleReason)],
        "reference 10.2; eNcore definitions (block 59); guide 5.x documents an older block 21 with a uint16 reason");

    public static readonly RecordLayout SecurityContextName = new(
        RecordType.SecurityContextName,
        "security context name",
        [Uuid("uuid"), String("name")],
        Encore);

    public static readonly RecordLayout RuleDocumentation = new(
        RecordType.RuleDocumentation,
        "rule documentation",
        [Nested("documentation", MetadataBlocks.RuleDocumentation)],
        "reference 10.2; guide 5.2+ rule documentation block 27");

    public static readonly RecordLayout IocName = new(RecordType.IocName, "IOC name", [Nested("ioc", MetadataBlocks.IocName)], "reference 10.2; guide 5.3+ IOC name block 39");

    public static readonly RecordLayout IcmpType = new(RecordType.IcmpType, "ICMP type", [Nested("icmp-type", MetadataBlocks.IcmpType)], GuideBlock);

    public static readonly RecordLayout IcmpCode = new(RecordType.IcmpCode, "ICMP code", [Nested("icmp-code", MetadataBlocks.IcmpCode)], GuideBlock);

    public static readonly RecordLayout SecurityIntelligenceCategory = new(
        RecordType.SecurityIntelligenceCategory,
        "security intelligence category",
        [Nested("category", MetadataBlocks.SecurityIntelligenceCategory)],
        GuideBlock);

    public static readonly RecordLayout SecurityIntelligenceCategoryGeneral = new(
        RecordType.SecurityIntelligenceCategoryGeneral,
        "security intelligence category (general)",
        [Uuid("uuid"), String("name")],
        Encore);

    public static readonly RecordLayout EndpointProfile = new(
        RecordType.EndpointProfile,
        "endpoint profile",
        [Nested("profile", MetadataBlocks.EndpointProfile)],
        Encore);

    public static readonly RecordLayout DnsRecordType = new(
        RecordType.DnsRecordType,
        "DNS record type",
        [Nested("dns", MetadataBlocks.IdNameDescription)],
        Encore);

    public static readonly RecordLayout DnsResponseType = new(
        RecordType.DnsResponseType,
        "DNS response type",
        [Nested("dns", MetadataBlocks.IdNameDescription)],
        Encore);

    public static readonly RecordLayout FileSha = new(RecordType.FileSha, "file SHA hash", [Nested("file", MetadataBlocks.FileShaHash)], "reference 10.2; guide 5.3+ file event SHA hash block 40");

    /// <summary>eNcore reads a bare block header before the UUID; block 14 is the guide's UUID-name block, unchecked by eNcore.</summary>
    public static readonly RecordLayout FilePolicyName = new(
        RecordType.FilePolicyName,
        "file policy name",
        [Nested("policy", MetadataBlocks.UuidString)],
        Encore + "; block number 14 assumed");

    public static readonly RecordLayout SslPolicy = new(RecordType.SslPolicy, "SSL policy name", [Uuid("uuid"), String("name")], Encore);

    public static readonly RecordLayout SslRule = new(
        RecordType.SslRule,
        "SSL rule",
        [Uuid("revision-uuid"), UInt32("rule-id"), String("name")],
        Encore);

    public static readonly RecordLayout SslCertificateDetails = new(
        RecordType.SslCertificateDetails,
        "SSL certificate details",
        [Nested("certificate", MetadataBlocks.SslCertificateDetails)],
        Encore);

    /// <summary>Same shape as the file policy name (530).</summary>
    public static readonly RecordLayout NetworkAnalysisPolicy = new(
        RecordType.NetworkAnalysisPolicy,
        "network analysis policy",
        [Nested("policy", MetadataBlocks.UuidString)],
        Encore + "; block number 14 assumed");

    public static IReadOnlyList<RecordLayout> All { get; } =
    [
        OsFingerprint, Vulnerability, SystemUser, CorrelationPolicy, CorrelationRule, ThirdPartyScannerVulnerability,
        AccessControlRuleReason, SecurityContextName, RuleDocumentation, IocName, IcmpType, IcmpCode,
        SecurityIntelligenceCategory, SecurityIntelligenceCategoryGeneral, EndpointProfile, DnsRecordType, DnsResponseType,
        FileSha, FilePolicyName, SslPolicy, SslRule, SslCertificateDetails, NetworkAnalysisPolicy,
    ];
}

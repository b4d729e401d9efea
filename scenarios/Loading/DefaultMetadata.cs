using EStreamer.Scenarios.Generators;
using EStreamer.Scenarios.Model;

namespace EStreamer.Scenarios.Loading;

/// <summary>
/// Metadata used for any list a scenario leaves out, so that a scenario of three lines still streams events
/// whose every reference resolves. The rule set includes one remapped local rule (rule ID 1000001, rendered
/// SID 31337, reference 13) so that generated traffic exercises SID remapping by default.
/// </summary>
internal static class DefaultMetadata
{
    public static IReadOnlyList<DeviceDefinition> Devices { get; } =
    [
        new(1, "ftd-edge-1"),
        new(2, "ftd-core-2"),
    ];

    public static IReadOnlyList<ClassificationDefinition> Classifications { get; } =
    [
        Classification(1, "trojan-activity", "A Network Trojan was detected"),
        Classification(2, "attempted-admin", "Attempted Administrator Privilege Gain"),
        Classification(3, "web-application-attack", "Web Application Attack"),
        Classification(4, "policy-violation", "Potential Corporate Privacy Violation"),
        Classification(5, "protocol-command-decode", "Generic Protocol Command Decode"),
    ];

    public static IReadOnlyList<PriorityDefinition> Priorities { get; } =
    [
        new(1, "high"),
        new(2, "medium"),
        new(3, "low"),
    ];

    public static IReadOnlyList<PolicyDefinition> IntrusionPolicies { get; } =
    [
        new("balanced", StableUuid.For("intrusion-policy", "balanced"), "Balanced Security and Connectivity", [], []),
    ];

    public static IReadOnlyList<PolicyDefinition> AccessPolicies(IReadOnlyList<DeviceDefinition> devices) =>
    [
        new(
            "corporate",
            StableUuid.For("access-policy", "corporate"),
            "Corporate Access Policy",
            devices.Select(d => d.Id).ToArray(),
            [new(268435457, "Allow outbound web"), new(268435458, "Inspect inbound"), new(268435459, "Block known bad")]),
    ];

    public static IReadOnlyList<RuleDefinition> Rules { get; } =
    [
        Rule("java-version", 1, 2019401, 2019401, 3, "ET POLICY Vulnerable Java Version 1.8.x Detected", 4, 3),
        Rule("struts-rce", 1, 30524, 30524, 5, "SERVER-WEBAPP Apache Struts remote code execution attempt", 3, 1),
        Rule("trojan-cnc", 1, 45548, 45548, 2, "MALWARE-CNC Win.Trojan.Agent outbound connection", 1, 1),
        Rule("local-admin-login", 1, 1_000_001, 31337, 1, "LOCAL custom rule: suspicious admin login", 2, 1),
        Rule("bare-byte", 119, 4, 4, 1, "(http_inspect) BARE BYTE UNICODE ENCODING", 5, 3),
    ];

    public static IReadOnlyList<UserDefinition> Users { get; } =
    [
        new(1001, "alice", "CORP", "alice@example.com", 710),
        new(1002, "bob", "CORP", "bob@example.com", 710),
        new(1003, "svc-backup", "CORP", "svc-backup@example.com", 710),
    ];

    private static ClassificationDefinition Classification(uint id, string name, string description) =>
        new(id, name, description, StableUuid.For("classification", id), StableUuid.For("classification-revision", id));

    private static RuleDefinition Rule(string key, uint gid, uint ruleId, uint sid, uint revision, string message, uint classification, uint priority) =>
        new(key, gid, ruleId, sid, revision, message, classification, priority, StableUuid.For("rule", gid, ruleId), StableUuid.For("rule-revision", gid, ruleId, revision));
}

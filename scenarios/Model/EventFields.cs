using System.Net;

namespace EStreamer.Scenarios.Model;

/// <summary>
/// Fields a timeline step gives for its event. Generators fill everything else; a field set here wins over
/// the generated value. Which fields apply to which family is the loader's business (docs/scenarios.md
/// lists them); a generator reads only the ones that make sense for its records.
/// </summary>
internal sealed class EventFields
{
    // Settable rather than init-only: the loader fills one field per YAML key as it meets them.
    public static EventFields None { get; } = new();

    // Common to most families.
    public uint? DeviceId { get; set; }
    public uint? EventId { get; set; }
    public IPAddress? SourceIp { get; set; }
    public IPAddress? DestinationIp { get; set; }
    public ushort? SourcePort { get; set; }
    public ushort? DestinationPort { get; set; }
    public byte? Protocol { get; set; }
    public UserDefinition? User { get; set; }

    // Intrusion (and the rule a correlation event names).
    public RuleDefinition? Rule { get; set; }
    public uint? Revision { get; set; }
    public uint? ClassificationId { get; set; }
    public uint? PriorityId { get; set; }
    public byte? ImpactFlags { get; set; }
    public byte? Impact { get; set; }
    public byte? Blocked { get; set; }
    public ushort? VlanId { get; set; }
    public PolicyDefinition? IntrusionPolicy { get; set; }
    public PolicyDefinition? AccessPolicy { get; set; }
    public string? HttpHostname { get; set; }
    public string? HttpUri { get; set; }
    public PacketSpec? Packet { get; set; }
    public IReadOnlyList<ExtraDataItem>? ExtraData { get; set; }

    // Impact alert and correlation: the timeline id of the intrusion event they are about.
    public string? Of { get; set; }
    public string? Description { get; set; }

    // Connection.
    public ulong? InitiatorBytes { get; set; }
    public ulong? ResponderBytes { get; set; }
    public ulong? InitiatorPackets { get; set; }
    public ulong? ResponderPackets { get; set; }
    public ushort? RuleAction { get; set; }
    public uint? AccessRuleId { get; set; }
    public string? Url { get; set; }
    public string? DnsQuery { get; set; }
    public string? SslServerName { get; set; }
    public TimeSpan? ConnectionDuration { get; set; }

    // File and malware.
    public string? FileName { get; set; }
    public byte[]? Sha256 { get; set; }
    public ulong? FileSize { get; set; }
    public byte? Disposition { get; set; }
    public byte? Action { get; set; }
    public byte? Direction { get; set; }
    public string? Uri { get; set; }
    public string? Signature { get; set; }
    public bool? IsMalware { get; set; }
    public string? FilePath { get; set; }
    public byte? ThreatScore { get; set; }

    // Discovery and user login.
    public DiscoveryKind? DiscoveryKind { get; set; }
    public IPAddress? HostIp { get; set; }
    public byte[]? Mac { get; set; }
    public uint? Value { get; set; }
    public IPAddress? NewIp { get; set; }

    // 'set': any field of the step's record by property, applied after generation.
    public RecordOverrides? Overrides { get; set; }

    // Record (the catalogue step): the type, and the fields given by their layout names.
    public EStreamer.Protocol.Records.RecordType? RecordType { get; set; }
    public EStreamer.Protocol.Records.Layouts.FieldValues? RecordValues { get; set; }

    // Correlation.
    public uint? CorrelationPolicyId { get; set; }
    public uint? CorrelationRuleId { get; set; }
    public uint? CorrelationPriority { get; set; }
}

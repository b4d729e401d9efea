using System.Net;
using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Records.Correlation;

/// <summary>
/// Correlation (policy) event, record 112: a single series-1 block 156 and no discovery header
/// (reference 11.13). Correlation stayed at version 9 for every client covered (reference 5.6.7), so the
/// record has one layout. Its size with empty strings is 401 bytes. <see cref="SignatureId"/> and
/// <see cref="SignatureGeneratorId"/> name the triggering intrusion event's rule for the rule-message
/// lookup of reference 13.
/// </summary>
public sealed record CorrelationEventRecord : IRecord
{
    public const uint Block156 = 156;

    // Shared all-zero defaults, so that a default record decodes back equal to itself. EquatableArray
    // hands out no writable view, so sharing the arrays is safe.
    private static readonly EquatableArray<byte> Zero16 = new byte[16];
    private static readonly EquatableArray<byte> Zero20 = new byte[20];

    public RecordType RecordType => RecordType.CorrelationEvent;

    public uint DeviceId { get; init; }
    public uint EventSecond { get; init; }
    public uint EventId { get; init; }
    public uint PolicyId { get; init; }
    public uint RuleId { get; init; }
    public uint Priority { get; init; }
    public string Description { get; init; } = string.Empty;
    public byte EventType { get; init; }
    public uint EventDeviceId { get; init; }

    /// <summary>Rule ID of the triggering intrusion event.</summary>
    public uint SignatureId { get; init; }

    /// <summary>Generator ID of the triggering intrusion event.</summary>
    public uint SignatureGeneratorId { get; init; }

    public uint TriggerEventSecond { get; init; }
    public uint TriggerEventMicrosecond { get; init; }
    public uint DeviceEventId { get; init; }
    public uint EventDefinedMask { get; init; }
    public byte ImpactFlags { get; init; }
    public byte IpProtocol { get; init; }
    public ushort NetworkProtocol { get; init; }

    /// <summary>Legacy 4-byte slot the reference marks unused; the address travels in <see cref="SourceIp"/>.</summary>
    public IPAddress SourceIPv4 { get; init; } = IPAddress.Any;

    public byte SourceHostType { get; init; }
    public ushort SourceVlanId { get; init; }
    public Guid SourceOsFingerprintUuid { get; init; }
    public ushort SourceCriticality { get; init; }
    public uint SourceUserId { get; init; }
    public ushort SourcePort { get; init; }
    public uint SourceServerId { get; init; }

    /// <summary>Legacy 4-byte slot the reference marks unused; the address travels in <see cref="DestinationIp"/>.</summary>
    public IPAddress DestinationIPv4 { get; init; } = IPAddress.Any;

    public byte DestinationHostType { get; init; }
    public ushort DestinationVlanId { get; init; }
    public Guid DestinationOsFingerprintUuid { get; init; }
    public ushort DestinationCriticality { get; init; }
    public uint DestinationUserId { get; init; }
    public ushort DestinationPort { get; init; }
    public uint DestinationServerId { get; init; }
    public byte Impact { get; init; }
    public byte Blocked { get; init; }
    public Guid IntrusionPolicy { get; init; }
    public uint RuleAction { get; init; }
    public string NetBiosName { get; init; } = string.Empty;
    public uint UrlCategory { get; init; }
    public uint UrlReputation { get; init; }
    public string Url { get; init; } = string.Empty;
    public uint ClientApplicationId { get; init; }
    public string ClientVersion { get; init; } = string.Empty;
    public Guid AccessControlPolicyRevision { get; init; }
    public uint AccessControlRuleId { get; init; }
    public Guid IngressInterface { get; init; }
    public Guid EgressInterface { get; init; }
    public Guid IngressZone { get; init; }
    public Guid EgressZone { get; init; }
    public IPAddress SourceIp { get; init; } = IPAddress.IPv6Any;
    public IPAddress DestinationIp { get; init; } = IPAddress.IPv6Any;
    public ushort SourceCountry { get; init; }
    public ushort DestinationCountry { get; init; }
    public Guid SecurityIntelligenceUuid { get; init; }

    /// <summary>16 raw bytes.</summary>
    public EquatableArray<byte> SecurityContext { get; init; } = Zero16;

    /// <summary>16 raw bytes: the reference gives this as bytes, not as a UUID.</summary>
    public EquatableArray<byte> SslPolicyId { get; init; } = Zero16;

    public uint SslRuleId { get; init; }

    /// <summary>32 bits here, unlike the 16-bit field of the connection blocks.</summary>
    public uint SslActualAction { get; init; }

    /// <summary>32 bits here, unlike the 16-bit field of the connection blocks.</summary>
    public uint SslFlowStatus { get; init; }

    /// <summary>20-byte SHA-1 fingerprint.</summary>
    public EquatableArray<byte> SslCertificateFingerprint { get; init; } = Zero20;

    public void WriteBody(WireWriter writer)
    {
        var block = writer.BeginBlock(Block156);
        writer.WriteUInt32(DeviceId);
        writer.WriteUInt32(EventSecond);
        writer.WriteUInt32(EventId);
        writer.WriteUInt32(PolicyId);
        writer.WriteUInt32(RuleId);
        writer.WriteUInt32(Priority);
        writer.WriteStringBlock(Description);
        writer.WriteUInt8(EventType);
        writer.WriteUInt32(EventDeviceId);
        writer.WriteUInt32(SignatureId);
        writer.WriteUInt32(SignatureGeneratorId);
        writer.WriteUInt32(TriggerEventSecond);
        writer.WriteUInt32(TriggerEventMicrosecond);
        writer.WriteUInt32(DeviceEventId);
        writer.WriteUInt32(EventDefinedMask);
        writer.WriteUInt8(ImpactFlags);
        writer.WriteUInt8(IpProtocol);
        writer.WriteUInt16(NetworkProtocol);
        writer.WriteIPv4(SourceIPv4);
        writer.WriteUInt8(SourceHostType);
        writer.WriteUInt16(SourceVlanId);
        writer.WriteUuid(SourceOsFingerprintUuid);
        writer.WriteUInt16(SourceCriticality);
        writer.WriteUInt32(SourceUserId);
        writer.WriteUInt16(SourcePort);
        writer.WriteUInt32(SourceServerId);
        writer.WriteIPv4(DestinationIPv4);
        writer.WriteUInt8(DestinationHostType);
        writer.WriteUInt16(DestinationVlanId);
        writer.WriteUuid(DestinationOsFingerprintUuid);
        writer.WriteUInt16(DestinationCriticality);
        writer.WriteUInt32(DestinationUserId);
        writer.WriteUInt16(DestinationPort);
        writer.WriteUInt32(DestinationServerId);
        writer.WriteUInt8(Impact);
        writer.WriteUInt8(Blocked);
        writer.WriteUuid(IntrusionPolicy);
        writer.WriteUInt32(RuleAction);
        writer.WriteStringBlock(NetBiosName);
        writer.WriteUInt32(UrlCategory);
        writer.WriteUInt32(UrlReputation);
        writer.WriteStringBlock(Url);
        writer.WriteUInt32(ClientApplicationId);
        writer.WriteStringBlock(ClientVersion);
        writer.WriteUuid(AccessControlPolicyRevision);
        writer.WriteUInt32(AccessControlRuleId);
        writer.WriteUuid(IngressInterface);
        writer.WriteUuid(EgressInterface);
        writer.WriteUuid(IngressZone);
        writer.WriteUuid(EgressZone);
        writer.WriteIPv6(SourceIp);
        writer.WriteIPv6(DestinationIp);
        writer.WriteUInt16(SourceCountry);
        writer.WriteUInt16(DestinationCountry);
        writer.WriteUuid(SecurityIntelligenceUuid);
        writer.WriteFixed(SecurityContext, 16, "security context");
        writer.WriteFixed(SslPolicyId, 16, "SSL policy ID");
        writer.WriteUInt32(SslRuleId);
        writer.WriteUInt32(SslActualAction);
        writer.WriteUInt32(SslFlowStatus);
        writer.WriteFixed(SslCertificateFingerprint, 20, "SSL certificate fingerprint");
        writer.EndBlock(block);
    }

    internal static IRecord Read(RecordType recordType, ref WireReader reader)
    {
        var at = reader.Offset;
        var r = reader.ReadBlock("correlation event block", out var blockType);
        if (blockType != Block156)
        {
            throw new ProtocolException("correlation event block type", at, $"block type {blockType} is not 156");
        }

        // Object initializers run in source order, so the reads below follow the wire order.
        var record = new CorrelationEventRecord
        {
            DeviceId = r.ReadUInt32("device ID"),
            EventSecond = r.ReadUInt32("correlation event second"),
            EventId = r.ReadUInt32("event ID"),
            PolicyId = r.ReadUInt32("policy ID"),
            RuleId = r.ReadUInt32("rule ID"),
            Priority = r.ReadUInt32("priority"),
            Description = r.ReadStringBlock("description"),
            EventType = r.ReadUInt8("event type"),
            EventDeviceId = r.ReadUInt32("event device ID"),
            SignatureId = r.ReadUInt32("signature ID"),
            SignatureGeneratorId = r.ReadUInt32("signature generator ID"),
            TriggerEventSecond = r.ReadUInt32("trigger event second"),
            TriggerEventMicrosecond = r.ReadUInt32("trigger event microsecond"),
            DeviceEventId = r.ReadUInt32("device event ID"),
            EventDefinedMask = r.ReadUInt32("event-defined mask"),
            ImpactFlags = r.ReadUInt8("impact flags"),
            IpProtocol = r.ReadUInt8("IP protocol"),
            NetworkProtocol = r.ReadUInt16("network protocol"),
            SourceIPv4 = r.ReadIPv4("source IPv4"),
            SourceHostType = r.ReadUInt8("source host type"),
            SourceVlanId = r.ReadUInt16("source VLAN"),
            SourceOsFingerprintUuid = r.ReadUuid("source OS fingerprint UUID"),
            SourceCriticality = r.ReadUInt16("source criticality"),
            SourceUserId = r.ReadUInt32("source user ID"),
            SourcePort = r.ReadUInt16("source port"),
            SourceServerId = r.ReadUInt32("source server ID"),
            DestinationIPv4 = r.ReadIPv4("destination IPv4"),
            DestinationHostType = r.ReadUInt8("destination host type"),
            DestinationVlanId = r.ReadUInt16("destination VLAN"),
            DestinationOsFingerprintUuid = r.ReadUuid("destination OS fingerprint UUID"),
            DestinationCriticality = r.ReadUInt16("destination criticality"),
            DestinationUserId = r.ReadUInt32("destination user ID"),
            DestinationPort = r.ReadUInt16("destination port"),
            DestinationServerId = r.ReadUInt32("destination server ID"),
            Impact = r.ReadUInt8("impact"),
            Blocked = r.ReadUInt8("blocked"),
            IntrusionPolicy = r.ReadUuid("intrusion policy UUID"),
            RuleAction = r.ReadUInt32("rule action"),
            NetBiosName = r.ReadStringBlock("NetBIOS name"),
            UrlCategory = r.ReadUInt32("URL category"),
            UrlReputation = r.ReadUInt32("URL reputation"),
            Url = r.ReadStringBlock("URL"),
            ClientApplicationId = r.ReadUInt32("client ID"),
            ClientVersion = r.ReadStringBlock("client version"),
            AccessControlPolicyRevision = r.ReadUuid("access-control policy revision"),
            AccessControlRuleId = r.ReadUInt32("access-control rule ID"),
            IngressInterface = r.ReadUuid("ingress interface"),
            EgressInterface = r.ReadUuid("egress interface"),
            IngressZone = r.ReadUuid("ingress zone"),
            EgressZone = r.ReadUuid("egress zone"),
            SourceIp = r.ReadIPv6("source IPv6"),
            DestinationIp = r.ReadIPv6("destination IPv6"),
            SourceCountry = r.ReadUInt16("source country"),
            DestinationCountry = r.ReadUInt16("destination country"),
            SecurityIntelligenceUuid = r.ReadUuid("security-intelligence UUID"),
            SecurityContext = r.ReadFixed(16, "security context"),
            SslPolicyId = r.ReadFixed(16, "SSL policy ID"),
            SslRuleId = r.ReadUInt32("SSL rule ID"),
            SslActualAction = r.ReadUInt32("SSL actual action"),
            SslFlowStatus = r.ReadUInt32("SSL flow status"),
            SslCertificateFingerprint = r.ReadFixed(20, "SSL certificate fingerprint"),
        };

        r.ExpectEnd("correlation event block");
        return record;
    }
}

using System.Net;
using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Records.Intrusion;

/// <summary>
/// Intrusion event, record 400 (reference 11.6 and 11.16). One type holds the union of the fields of
/// series-2 blocks 60 (version 9), 81 (version 10) and 85 (version 11); <see cref="BlockType"/> picks the
/// layout written. Block 60 lacks the blocked reason, VRF names and Snort version; block 81 lacks the
/// original client IP and the HTTP/SMTP strings. <see cref="RuleId"/> is the internal rule ID, which
/// differs from the rendered SID of a remapped local rule (reference 13).
/// </summary>
public sealed record IntrusionEventRecord : IVersionedRecord
{
    public const uint Block60 = 60;
    public const uint Block81 = 81;
    public const uint Block85 = 85;

    private static readonly uint[] Blocks = [Block60, Block81, Block85];

    // Shared all-zero defaults: a server may hold a million events, and EquatableArray hands out no writable view.
    private static readonly EquatableArray<byte> Zero16 = new byte[16];
    private static readonly EquatableArray<byte> Zero20 = new byte[20];

    public RecordType RecordType => RecordType.IntrusionEvent;

    public uint BlockType { get; init; } = Block85;

    public IReadOnlyList<uint> SupportedBlockTypes => Blocks;

    public uint DeviceId { get; init; }
    public uint EventId { get; init; }
    public uint EventSecond { get; init; }
    public uint EventMicrosecond { get; init; }
    public uint RuleId { get; init; }
    public uint GeneratorId { get; init; }
    public uint RuleRevision { get; init; }
    public uint ClassificationId { get; init; }
    public uint PriorityId { get; init; }
    public IPAddress SourceIp { get; init; } = IPAddress.IPv6Any;
    public IPAddress DestinationIp { get; init; } = IPAddress.IPv6Any;
    public ushort SourcePortOrIcmpType { get; init; }
    public ushort DestinationPortOrIcmpCode { get; init; }
    public byte IpProtocol { get; init; }
    public byte ImpactFlags { get; init; }
    public byte Impact { get; init; }
    public byte Blocked { get; init; }

    /// <summary>Blocks 81 and 85 only.</summary>
    public byte BlockedReason { get; init; }

    public uint MplsLabel { get; init; }
    public ushort VlanId { get; init; }
    public ushort Padding { get; init; }
    public Guid IntrusionPolicyUuid { get; init; }
    public uint UserId { get; init; }
    public uint WebApplicationId { get; init; }
    public uint ClientApplicationId { get; init; }
    public uint ApplicationProtocolId { get; init; }
    public uint AccessControlRuleId { get; init; }
    public Guid AccessControlPolicyUuid { get; init; }
    public Guid IngressInterfaceUuid { get; init; }
    public Guid EgressInterfaceUuid { get; init; }
    public Guid IngressZoneUuid { get; init; }
    public Guid EgressZoneUuid { get; init; }
    public uint ConnectionTimestamp { get; init; }
    public ushort ConnectionInstanceId { get; init; }
    public ushort ConnectionCounter { get; init; }
    public ushort SourceCountry { get; init; }
    public ushort DestinationCountry { get; init; }
    public ushort IocNumber { get; init; }
    public EquatableArray<byte> SecurityContext { get; init; } = Zero16;
    public EquatableArray<byte> SslCertificateFingerprint { get; init; } = Zero20;
    public ushort SslActualAction { get; init; }
    public ushort SslFlowStatus { get; init; }
    public Guid NetworkAnalysisPolicyUuid { get; init; }
    public uint HttpResponseCode { get; init; }

    /// <summary>Blocks 81 and 85 only.</summary>
    public string IngressVrf { get; init; } = string.Empty;

    /// <summary>Blocks 81 and 85 only.</summary>
    public string EgressVrf { get; init; } = string.Empty;

    /// <summary>Blocks 81 and 85 only: 2 or 3.</summary>
    public byte SnortVersion { get; init; }

    /// <summary>Block 85 only.</summary>
    public IPAddress OriginalClientIp { get; init; } = IPAddress.IPv6Any;

    /// <summary>Block 85 only.</summary>
    public string HttpHostname { get; init; } = string.Empty;

    /// <summary>Block 85 only.</summary>
    public string HttpUri { get; init; } = string.Empty;

    /// <summary>Block 85 only.</summary>
    public string SmtpAttachmentFileNames { get; init; } = string.Empty;

    /// <summary>Block 85 only.</summary>
    public string SmtpMailFrom { get; init; } = string.Empty;

    /// <summary>Block 85 only.</summary>
    public string SmtpHeaders { get; init; } = string.Empty;

    /// <summary>Block 85 only.</summary>
    public string SmtpRcptTo { get; init; } = string.Empty;

    public IVersionedRecord WithBlockType(uint blockType)
    {
        BlockTypes.RequireOneOf(blockType, Blocks, "record 400");
        return this with { BlockType = blockType };
    }

    public void WriteBody(WireWriter writer) => WriteBody(writer, BlockType);

    /// <inheritdoc/>
    public void WriteBody(WireWriter writer, uint blockType)
    {
        BlockTypes.RequireOneOf(blockType, Blocks, "record 400");
        var newer = blockType != Block60;
        var block = writer.BeginBlock(blockType);
        writer.WriteUInt32(DeviceId);
        writer.WriteUInt32(EventId);
        writer.WriteUInt32(EventSecond);
        writer.WriteUInt32(EventMicrosecond);
        writer.WriteUInt32(RuleId);
        writer.WriteUInt32(GeneratorId);
        writer.WriteUInt32(RuleRevision);
        writer.WriteUInt32(ClassificationId);
        writer.WriteUInt32(PriorityId);
        writer.WriteIPv6(SourceIp);
        writer.WriteIPv6(DestinationIp);
        writer.WriteUInt16(SourcePortOrIcmpType);
        writer.WriteUInt16(DestinationPortOrIcmpCode);
        writer.WriteUInt8(IpProtocol);
        writer.WriteUInt8(ImpactFlags);
        writer.WriteUInt8(Impact);
        writer.WriteUInt8(Blocked);
        if (newer)
        {
            // Blocks 81/85 insert the blocked reason at offset 84; every later field moves one byte.
            writer.WriteUInt8(BlockedReason);
        }

        writer.WriteUInt32(MplsLabel);
        writer.WriteUInt16(VlanId);
        writer.WriteUInt16(Padding);
        writer.WriteUuid(IntrusionPolicyUuid);
        writer.WriteUInt32(UserId);
        writer.WriteUInt32(WebApplicationId);
        writer.WriteUInt32(ClientApplicationId);
        writer.WriteUInt32(ApplicationProtocolId);
        writer.WriteUInt32(AccessControlRuleId);
        writer.WriteUuid(AccessControlPolicyUuid);
        writer.WriteUuid(IngressInterfaceUuid);
        writer.WriteUuid(EgressInterfaceUuid);
        writer.WriteUuid(IngressZoneUuid);
        writer.WriteUuid(EgressZoneUuid);
        writer.WriteUInt32(ConnectionTimestamp);
        writer.WriteUInt16(ConnectionInstanceId);
        writer.WriteUInt16(ConnectionCounter);
        writer.WriteUInt16(SourceCountry);
        writer.WriteUInt16(DestinationCountry);
        writer.WriteUInt16(IocNumber);
        writer.WriteFixed(SecurityContext, 16, "security context");
        writer.WriteFixed(SslCertificateFingerprint, 20, "SSL certificate fingerprint");
        writer.WriteUInt16(SslActualAction);
        writer.WriteUInt16(SslFlowStatus);
        writer.WriteUuid(NetworkAnalysisPolicyUuid);
        writer.WriteUInt32(HttpResponseCode);
        if (newer)
        {
            writer.WriteStringBlock(IngressVrf);
            writer.WriteStringBlock(EgressVrf);
            writer.WriteUInt8(SnortVersion);
        }

        if (blockType == Block85)
        {
            writer.WriteIPv6(OriginalClientIp);
            writer.WriteStringBlock(HttpHostname);
            writer.WriteStringBlock(HttpUri);
            writer.WriteStringBlock(SmtpAttachmentFileNames);
            writer.WriteStringBlock(SmtpMailFrom);
            writer.WriteStringBlock(SmtpHeaders);
            writer.WriteStringBlock(SmtpRcptTo);
        }

        writer.EndBlock(block);
    }

    internal static IRecord Read(RecordType recordType, ref WireReader reader)
    {
        var r = reader.ReadBlock("intrusion event block", Blocks, out var blockType);

        var newer = blockType != Block60;
        var record = new IntrusionEventRecord
        {
            BlockType = blockType,
            DeviceId = r.ReadUInt32("device ID"),
            EventId = r.ReadUInt32("event ID"),
            EventSecond = r.ReadUInt32("event second"),
            EventMicrosecond = r.ReadUInt32("event microsecond"),
            RuleId = r.ReadUInt32("rule ID"),
            GeneratorId = r.ReadUInt32("generator ID"),
            RuleRevision = r.ReadUInt32("rule revision"),
            ClassificationId = r.ReadUInt32("classification ID"),
            PriorityId = r.ReadUInt32("priority ID"),
            SourceIp = r.ReadIPv6("source IP"),
            DestinationIp = r.ReadIPv6("destination IP"),
            SourcePortOrIcmpType = r.ReadUInt16("source port"),
            DestinationPortOrIcmpCode = r.ReadUInt16("destination port"),
            IpProtocol = r.ReadUInt8("IP protocol"),
            ImpactFlags = r.ReadUInt8("impact flags"),
            Impact = r.ReadUInt8("impact"),
            Blocked = r.ReadUInt8("blocked"),
            BlockedReason = newer ? r.ReadUInt8("blocked reason") : (byte)0,
            MplsLabel = r.ReadUInt32("MPLS label"),
            VlanId = r.ReadUInt16("VLAN ID"),
            Padding = r.ReadUInt16("padding"),
            IntrusionPolicyUuid = r.ReadUuid("intrusion policy UUID"),
            UserId = r.ReadUInt32("user ID"),
            WebApplicationId = r.ReadUInt32("web application ID"),
            ClientApplicationId = r.ReadUInt32("client application ID"),
            ApplicationProtocolId = r.ReadUInt32("application protocol ID"),
            AccessControlRuleId = r.ReadUInt32("access-control rule ID"),
            AccessControlPolicyUuid = r.ReadUuid("access-control policy UUID"),
            IngressInterfaceUuid = r.ReadUuid("ingress interface UUID"),
            EgressInterfaceUuid = r.ReadUuid("egress interface UUID"),
            IngressZoneUuid = r.ReadUuid("ingress zone UUID"),
            EgressZoneUuid = r.ReadUuid("egress zone UUID"),
            ConnectionTimestamp = r.ReadUInt32("connection timestamp"),
            ConnectionInstanceId = r.ReadUInt16("connection instance ID"),
            ConnectionCounter = r.ReadUInt16("connection counter"),
            SourceCountry = r.ReadUInt16("source country"),
            DestinationCountry = r.ReadUInt16("destination country"),
            IocNumber = r.ReadUInt16("IOC number"),
            SecurityContext = r.ReadFixed(16, "security context"),
            SslCertificateFingerprint = r.ReadFixed(20, "SSL certificate fingerprint"),
            SslActualAction = r.ReadUInt16("SSL actual action"),
            SslFlowStatus = r.ReadUInt16("SSL flow status"),
            NetworkAnalysisPolicyUuid = r.ReadUuid("network analysis policy UUID"),
            HttpResponseCode = r.ReadUInt32("HTTP response code"),
        };

        if (newer)
        {
            record = record with
            {
                IngressVrf = r.ReadStringBlock("ingress VRF"),
                EgressVrf = r.ReadStringBlock("egress VRF"),
                SnortVersion = r.ReadUInt8("Snort version"),
            };
        }

        if (blockType == Block85)
        {
            record = record with
            {
                OriginalClientIp = r.ReadIPv6("original client IP"),
                HttpHostname = r.ReadStringBlock("HTTP hostname"),
                HttpUri = r.ReadStringBlock("HTTP URI"),
                SmtpAttachmentFileNames = r.ReadStringBlock("SMTP attachment file names"),
                SmtpMailFrom = r.ReadStringBlock("SMTP MAIL FROM"),
                SmtpHeaders = r.ReadStringBlock("SMTP headers"),
                SmtpRcptTo = r.ReadStringBlock("SMTP RCPT TO"),
            };
        }

        r.ExpectEnd("intrusion event block");
        return record;
    }

}

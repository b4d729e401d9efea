using System.Net;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Records.Discovery;

namespace EStreamer.Protocol.Records.Connection;

/// <summary>
/// Connection statistics, record 71: the discovery header (reference 9.7) followed by one series-1
/// connection block (reference 11.9 and 11.17). One type holds the union of the fields of blocks 163,
/// 168, 169, 170, 171, 173 and 174; <see cref="BlockType"/> picks the layout written, and a layout
/// simply leaves out the fields it lacks. Relative to 163: 168 appends a third security-intelligence
/// list; 169 appends the threat-intelligence category instead; 170 adds the two security group tags;
/// 171 adds a type byte after each tag and the two VRF names; 173 adds the dynamic-attribute strings;
/// 174 adds the EVE and NAT fields. Block 174 is the default because eNcore 5.2 asks for version 17.
/// </summary>
public sealed record ConnectionStatisticsRecord : IVersionedRecord
{
    /// <summary>Version 14, FMC 6.1+ (reference 11.9).</summary>
    public const uint Block163 = 163;

    /// <summary>FMC 6.7. eNcore 5.2 dies on it (reference 5.6.3); kept for other clients.</summary>
    public const uint Block168 = 168;

    public const uint Block169 = 169;
    public const uint Block170 = 170;
    public const uint Block171 = 171;
    public const uint Block173 = 173;

    /// <summary>Version 17, the newest block eNcore 5.2 knows (reference 11.17).</summary>
    public const uint Block174 = 174;

    /// <summary>Discovery event subtype of a connection statistics event (reference 9.7: 1003/1).</summary>
    public const uint DiscoveryEventSubtype = 1;

    private const int MonitorRuleCount = 8;

    private static readonly uint[] Blocks = [Block163, Block168, Block169, Block170, Block171, Block173, Block174];

    // Shared all-zero defaults, so that a default record decodes back equal to itself. EquatableArray
    // hands out no writable view, so sharing the arrays is safe.
    private static readonly EquatableArray<uint> NoMonitorRules = new uint[MonitorRuleCount];
    private static readonly EquatableArray<byte> Zero16 = new byte[16];
    private static readonly EquatableArray<byte> Zero20 = new byte[20];
    private static readonly EquatableArray<byte> Zero32 = new byte[32];

    public RecordType RecordType => RecordType.ConnectionStatistics;

    public uint BlockType { get; init; } = Block174;

    public IReadOnlyList<uint> SupportedBlockTypes => Blocks;

    /// <summary>Discovery header; the host is the initiator (reference 11.9).</summary>
    public DiscoveryHeader Header { get; init; } = new()
    {
        EventType = DiscoveryEventType.Connection,
        EventSubtype = DiscoveryEventSubtype,
    };

    public uint DeviceId { get; init; }
    public Guid IngressZone { get; init; }
    public Guid EgressZone { get; init; }
    public Guid IngressInterface { get; init; }
    public Guid EgressInterface { get; init; }
    public IPAddress InitiatorIp { get; init; } = IPAddress.IPv6Any;
    public IPAddress ResponderIp { get; init; } = IPAddress.IPv6Any;
    public IPAddress OriginalClientIp { get; init; } = IPAddress.IPv6Any;
    public Guid AccessControlPolicyRevision { get; init; }
    public uint AccessControlRuleId { get; init; }
    public uint TunnelOrPrefilterRuleId { get; init; }

    /// <summary>Access-control rule action (metadata record 120).</summary>
    public ushort RuleAction { get; init; }

    /// <summary>Bit field; 32 bits on the wire although the guide says 16 (reference 11.9).</summary>
    public uint RuleReason { get; init; }

    public ushort InitiatorPort { get; init; }
    public ushort ResponderPort { get; init; }
    public ushort TcpFlags { get; init; }
    public byte IpProtocol { get; init; }
    public Guid NetFlowSource { get; init; }
    public ushort SnortInstanceId { get; init; }
    public ushort ConnectionCounter { get; init; }
    public uint FirstPacketSecond { get; init; }
    public uint LastPacketSecond { get; init; }
    public ulong InitiatorPackets { get; init; }
    public ulong ResponderPackets { get; init; }
    public ulong InitiatorBytes { get; init; }
    public ulong ResponderBytes { get; init; }
    public ulong InitiatorPacketsDropped { get; init; }
    public ulong ResponderPacketsDropped { get; init; }
    public ulong InitiatorBytesDropped { get; init; }
    public ulong ResponderBytesDropped { get; init; }
    public Guid QosAppliedInterface { get; init; }
    public uint QosRuleId { get; init; }
    public uint UserId { get; init; }
    public uint ApplicationProtocolId { get; init; }
    public uint UrlCategory { get; init; }
    public uint UrlReputation { get; init; }
    public uint ClientApplicationId { get; init; }
    public uint WebApplicationId { get; init; }
    public string ClientUrl { get; init; } = string.Empty;
    public string NetBiosDomain { get; init; } = string.Empty;
    public string ClientApplicationVersion { get; init; } = string.Empty;

    /// <summary>Monitor rules 1–8; fewer than eight are padded with zeros on the wire, more are refused.</summary>
    public EquatableArray<uint> MonitorRules { get; init; } = NoMonitorRules;

    public byte SecurityIntelligenceSourceDestination { get; init; }
    public byte SecurityIntelligenceLayer { get; init; }
    public ushort FileEventCount { get; init; }
    public ushort IntrusionEventCount { get; init; }
    public ushort InitiatorCountry { get; init; }
    public ushort ResponderCountry { get; init; }
    public ushort OriginalClientCountry { get; init; }
    public ushort IocNumber { get; init; }
    public uint SourceAutonomousSystem { get; init; }
    public uint DestinationAutonomousSystem { get; init; }
    public ushort SnmpIn { get; init; }
    public ushort SnmpOut { get; init; }
    public byte SourceTos { get; init; }
    public byte DestinationTos { get; init; }
    public byte SourceMask { get; init; }
    public byte DestinationMask { get; init; }

    /// <summary>16 raw bytes.</summary>
    public EquatableArray<byte> SecurityContext { get; init; } = Zero16;

    public ushort VlanId { get; init; }
    public string ReferencedHost { get; init; } = string.Empty;
    public string UserAgent { get; init; } = string.Empty;
    public string HttpReferrer { get; init; } = string.Empty;

    /// <summary>20-byte SHA-1 fingerprint.</summary>
    public EquatableArray<byte> SslCertificateFingerprint { get; init; } = Zero20;

    public Guid SslPolicy { get; init; }
    public uint SslRuleId { get; init; }
    public ushort SslCipherSuite { get; init; }
    public byte SslVersion { get; init; }

    /// <summary>32 bits on the wire; the guide's narrower size is wrong (reference 11.9).</summary>
    public uint SslServerCertificateStatus { get; init; }

    public ushort SslActualAction { get; init; }
    public ushort SslExpectedAction { get; init; }
    public ushort SslFlowStatus { get; init; }
    public uint SslFlowError { get; init; }
    public uint SslFlowMessages { get; init; }
    public ulong SslFlowFlags { get; init; }
    public string SslServerName { get; init; } = string.Empty;
    public uint SslUrlCategory { get; init; }

    /// <summary>32-byte slot; <see cref="SslSessionIdLength"/> says how much of it is used.</summary>
    public EquatableArray<byte> SslSessionId { get; init; } = Zero32;

    public byte SslSessionIdLength { get; init; }

    /// <summary>20-byte slot; <see cref="SslTicketIdLength"/> says how much of it is used.</summary>
    public EquatableArray<byte> SslTicketId { get; init; } = Zero20;

    public byte SslTicketIdLength { get; init; }
    public Guid NetworkAnalysisPolicyRevision { get; init; }
    public uint EndpointProfileId { get; init; }
    public uint SecurityGroupId { get; init; }

    /// <summary>Blocks 170, 171, 173 and 174 only.</summary>
    public ushort SourceSecurityGroupTag { get; init; }

    /// <summary>Blocks 171, 173 and 174 only.</summary>
    public byte SourceSecurityGroupTagType { get; init; }

    /// <summary>Blocks 170, 171, 173 and 174 only.</summary>
    public ushort DestinationSecurityGroupTag { get; init; }

    /// <summary>Blocks 171, 173 and 174 only.</summary>
    public byte DestinationSecurityGroupTagType { get; init; }

    public IPAddress LocationIp { get; init; } = IPAddress.IPv6Any;
    public uint HttpResponseCode { get; init; }
    public string DnsQuery { get; init; } = string.Empty;

    /// <summary>DNS record type (metadata record 320).</summary>
    public ushort DnsRecordType { get; init; }

    /// <summary>DNS response type (metadata record 321).</summary>
    public ushort DnsResponseType { get; init; }

    public uint DnsTtl { get; init; }
    public Guid SinkholeUuid { get; init; }
    public uint SecurityIntelligenceList1 { get; init; }
    public uint SecurityIntelligenceList2 { get; init; }

    /// <summary>Block 168 only, where later blocks carry the threat-intelligence category.</summary>
    public uint SecurityIntelligenceList3 { get; init; }

    /// <summary>Blocks 169 to 174.</summary>
    public uint ThreatIntelligenceCategory { get; init; }

    /// <summary>Block 174 only: process name seen by the encrypted visibility engine.</summary>
    public string EveProcessName { get; init; } = string.Empty;

    /// <summary>Block 174 only, percent.</summary>
    public byte EveProcessConfidence { get; init; }

    /// <summary>Block 174 only, percent.</summary>
    public byte EveThreatConfidence { get; init; }

    /// <summary>Block 174 only.</summary>
    public byte EveThreatConfidenceIndex { get; init; }

    /// <summary>Block 174 only.</summary>
    public byte ClientApplicationDetectorId { get; init; }

    /// <summary>Block 174 only.</summary>
    public ushort NatInitiatorPort { get; init; }

    /// <summary>Block 174 only.</summary>
    public ushort NatResponderPort { get; init; }

    /// <summary>Block 174 only.</summary>
    public IPAddress NatInitiatorIp { get; init; } = IPAddress.IPv6Any;

    /// <summary>Block 174 only.</summary>
    public IPAddress NatResponderIp { get; init; } = IPAddress.IPv6Any;

    /// <summary>Blocks 171, 173 and 174 only.</summary>
    public string IngressVrf { get; init; } = string.Empty;

    /// <summary>Blocks 171, 173 and 174 only.</summary>
    public string EgressVrf { get; init; } = string.Empty;

    /// <summary>Blocks 173 and 174 only.</summary>
    public string SourceIpDynamicAttributes { get; init; } = string.Empty;

    /// <summary>Blocks 173 and 174 only.</summary>
    public string DestinationIpDynamicAttributes { get; init; } = string.Empty;

    public IVersionedRecord WithBlockType(uint blockType)
    {
        BlockTypes.RequireOneOf(blockType, Blocks, "record 71");
        return this with { BlockType = blockType };
    }

    public void WriteBody(WireWriter writer) => WriteBody(writer, BlockType);

    /// <inheritdoc/>
    public void WriteBody(WireWriter writer, uint blockType)
    {
        BlockTypes.RequireOneOf(blockType, Blocks, "record 71");
        if (MonitorRules.Count > MonitorRuleCount)
        {
            throw new InvalidOperationException($"monitor rules holds {MonitorRules.Count} entries; the block has room for {MonitorRuleCount}");
        }

        Header.Write(writer);
        var block = writer.BeginBlock(blockType);
        writer.WriteUInt32(DeviceId);
        writer.WriteUuid(IngressZone);
        writer.WriteUuid(EgressZone);
        writer.WriteUuid(IngressInterface);
        writer.WriteUuid(EgressInterface);
        writer.WriteIPv6(InitiatorIp);
        writer.WriteIPv6(ResponderIp);
        writer.WriteIPv6(OriginalClientIp);
        writer.WriteUuid(AccessControlPolicyRevision);
        writer.WriteUInt32(AccessControlRuleId);
        writer.WriteUInt32(TunnelOrPrefilterRuleId);
        writer.WriteUInt16(RuleAction);
        writer.WriteUInt32(RuleReason);
        writer.WriteUInt16(InitiatorPort);
        writer.WriteUInt16(ResponderPort);
        writer.WriteUInt16(TcpFlags);
        writer.WriteUInt8(IpProtocol);
        writer.WriteUuid(NetFlowSource);
        writer.WriteUInt16(SnortInstanceId);
        writer.WriteUInt16(ConnectionCounter);
        writer.WriteUInt32(FirstPacketSecond);
        writer.WriteUInt32(LastPacketSecond);
        writer.WriteUInt64(InitiatorPackets);
        writer.WriteUInt64(ResponderPackets);
        writer.WriteUInt64(InitiatorBytes);
        writer.WriteUInt64(ResponderBytes);
        writer.WriteUInt64(InitiatorPacketsDropped);
        writer.WriteUInt64(ResponderPacketsDropped);
        writer.WriteUInt64(InitiatorBytesDropped);
        writer.WriteUInt64(ResponderBytesDropped);
        writer.WriteUuid(QosAppliedInterface);
        writer.WriteUInt32(QosRuleId);
        writer.WriteUInt32(UserId);
        writer.WriteUInt32(ApplicationProtocolId);
        writer.WriteUInt32(UrlCategory);
        writer.WriteUInt32(UrlReputation);
        writer.WriteUInt32(ClientApplicationId);
        writer.WriteUInt32(WebApplicationId);
        writer.WriteStringBlock(ClientUrl);
        writer.WriteStringBlock(NetBiosDomain);
        writer.WriteStringBlock(ClientApplicationVersion);
        var rules = MonitorRules.AsSpan();
        for (var i = 0; i < MonitorRuleCount; i++)
        {
            writer.WriteUInt32(i < rules.Length ? rules[i] : 0);
        }

        writer.WriteUInt8(SecurityIntelligenceSourceDestination);
        writer.WriteUInt8(SecurityIntelligenceLayer);
        writer.WriteUInt16(FileEventCount);
        writer.WriteUInt16(IntrusionEventCount);
        writer.WriteUInt16(InitiatorCountry);
        writer.WriteUInt16(ResponderCountry);
        writer.WriteUInt16(OriginalClientCountry);
        writer.WriteUInt16(IocNumber);
        writer.WriteUInt32(SourceAutonomousSystem);
        writer.WriteUInt32(DestinationAutonomousSystem);
        writer.WriteUInt16(SnmpIn);
        writer.WriteUInt16(SnmpOut);
        writer.WriteUInt8(SourceTos);
        writer.WriteUInt8(DestinationTos);
        writer.WriteUInt8(SourceMask);
        writer.WriteUInt8(DestinationMask);
        writer.WriteFixed(SecurityContext, 16, "security context");
        writer.WriteUInt16(VlanId);
        writer.WriteStringBlock(ReferencedHost);
        writer.WriteStringBlock(UserAgent);
        writer.WriteStringBlock(HttpReferrer);
        writer.WriteFixed(SslCertificateFingerprint, 20, "SSL certificate fingerprint");
        writer.WriteUuid(SslPolicy);
        writer.WriteUInt32(SslRuleId);
        writer.WriteUInt16(SslCipherSuite);
        writer.WriteUInt8(SslVersion);
        writer.WriteUInt32(SslServerCertificateStatus);
        writer.WriteUInt16(SslActualAction);
        writer.WriteUInt16(SslExpectedAction);
        writer.WriteUInt16(SslFlowStatus);
        writer.WriteUInt32(SslFlowError);
        writer.WriteUInt32(SslFlowMessages);
        writer.WriteUInt64(SslFlowFlags);
        writer.WriteStringBlock(SslServerName);
        writer.WriteUInt32(SslUrlCategory);
        writer.WriteFixed(SslSessionId, 32, "SSL session ID");
        writer.WriteUInt8(SslSessionIdLength);
        writer.WriteFixed(SslTicketId, 20, "SSL ticket ID");
        writer.WriteUInt8(SslTicketIdLength);
        writer.WriteUuid(NetworkAnalysisPolicyRevision);
        writer.WriteUInt32(EndpointProfileId);
        writer.WriteUInt32(SecurityGroupId);

        // 170 puts the two tags after the security group ID; 171 follows each tag with its type byte.
        if (HasSecurityGroupTags(blockType))
        {
            writer.WriteUInt16(SourceSecurityGroupTag);
            if (HasTagTypesAndVrfs(blockType))
            {
                writer.WriteUInt8(SourceSecurityGroupTagType);
            }

            writer.WriteUInt16(DestinationSecurityGroupTag);
            if (HasTagTypesAndVrfs(blockType))
            {
                writer.WriteUInt8(DestinationSecurityGroupTagType);
            }
        }

        writer.WriteIPv6(LocationIp);
        writer.WriteUInt32(HttpResponseCode);
        writer.WriteStringBlock(DnsQuery);
        writer.WriteUInt16(DnsRecordType);
        writer.WriteUInt16(DnsResponseType);
        writer.WriteUInt32(DnsTtl);
        writer.WriteUuid(SinkholeUuid);
        writer.WriteUInt32(SecurityIntelligenceList1);
        writer.WriteUInt32(SecurityIntelligenceList2);

        // 168 and 169 both grow 163 by one uint32 at the end, with different meanings.
        if (blockType == Block168)
        {
            writer.WriteUInt32(SecurityIntelligenceList3);
        }

        if (HasThreatIntelligenceCategory(blockType))
        {
            writer.WriteUInt32(ThreatIntelligenceCategory);
        }

        if (blockType == Block174)
        {
            writer.WriteStringBlock(EveProcessName);
            writer.WriteUInt8(EveProcessConfidence);
            writer.WriteUInt8(EveThreatConfidence);
            writer.WriteUInt8(EveThreatConfidenceIndex);
            writer.WriteUInt8(ClientApplicationDetectorId);
            writer.WriteUInt16(NatInitiatorPort);
            writer.WriteUInt16(NatResponderPort);
            writer.WriteIPv6(NatInitiatorIp);
            writer.WriteIPv6(NatResponderIp);
        }

        if (HasTagTypesAndVrfs(blockType))
        {
            writer.WriteStringBlock(IngressVrf);
            writer.WriteStringBlock(EgressVrf);
        }

        if (HasDynamicAttributes(blockType))
        {
            writer.WriteStringBlock(SourceIpDynamicAttributes);
            writer.WriteStringBlock(DestinationIpDynamicAttributes);
        }

        writer.EndBlock(block);
    }

    internal static IRecord Read(RecordType recordType, ref WireReader reader)
    {
        var header = DiscoveryHeader.Read(ref reader);
        var r = reader.ReadBlock("connection block", Blocks, out var blockType);

        var tags = HasSecurityGroupTags(blockType);
        var tagTypesAndVrfs = HasTagTypesAndVrfs(blockType);
        var is174 = blockType == Block174;

        // Object initializers run in source order, so the reads below follow the wire order.
        var record = new ConnectionStatisticsRecord
        {
            BlockType = blockType,
            Header = header,
            DeviceId = r.ReadUInt32("device ID"),
            IngressZone = r.ReadUuid("ingress zone"),
            EgressZone = r.ReadUuid("egress zone"),
            IngressInterface = r.ReadUuid("ingress interface"),
            EgressInterface = r.ReadUuid("egress interface"),
            InitiatorIp = r.ReadIPv6("initiator IP"),
            ResponderIp = r.ReadIPv6("responder IP"),
            OriginalClientIp = r.ReadIPv6("original client IP"),
            AccessControlPolicyRevision = r.ReadUuid("access-control policy revision"),
            AccessControlRuleId = r.ReadUInt32("access-control rule ID"),
            TunnelOrPrefilterRuleId = r.ReadUInt32("tunnel/prefilter rule ID"),
            RuleAction = r.ReadUInt16("rule action"),
            RuleReason = r.ReadUInt32("rule reason"),
            InitiatorPort = r.ReadUInt16("initiator port"),
            ResponderPort = r.ReadUInt16("responder port"),
            TcpFlags = r.ReadUInt16("TCP flags"),
            IpProtocol = r.ReadUInt8("IP protocol"),
            NetFlowSource = r.ReadUuid("NetFlow source"),
            SnortInstanceId = r.ReadUInt16("Snort instance ID"),
            ConnectionCounter = r.ReadUInt16("connection counter"),
            FirstPacketSecond = r.ReadUInt32("first packet second"),
            LastPacketSecond = r.ReadUInt32("last packet second"),
            InitiatorPackets = r.ReadUInt64("initiator packets"),
            ResponderPackets = r.ReadUInt64("responder packets"),
            InitiatorBytes = r.ReadUInt64("initiator bytes"),
            ResponderBytes = r.ReadUInt64("responder bytes"),
            InitiatorPacketsDropped = r.ReadUInt64("initiator packets dropped"),
            ResponderPacketsDropped = r.ReadUInt64("responder packets dropped"),
            InitiatorBytesDropped = r.ReadUInt64("initiator bytes dropped"),
            ResponderBytesDropped = r.ReadUInt64("responder bytes dropped"),
            QosAppliedInterface = r.ReadUuid("QoS-applied interface"),
            QosRuleId = r.ReadUInt32("QoS rule ID"),
            UserId = r.ReadUInt32("user ID"),
            ApplicationProtocolId = r.ReadUInt32("application protocol ID"),
            UrlCategory = r.ReadUInt32("URL category"),
            UrlReputation = r.ReadUInt32("URL reputation"),
            ClientApplicationId = r.ReadUInt32("client application ID"),
            WebApplicationId = r.ReadUInt32("web application ID"),
            ClientUrl = r.ReadStringBlock("client URL"),
            NetBiosDomain = r.ReadStringBlock("NetBIOS domain"),
            ClientApplicationVersion = r.ReadStringBlock("client application version"),
            MonitorRules = ReadMonitorRules(ref r),
            SecurityIntelligenceSourceDestination = r.ReadUInt8("security-intelligence source/destination"),
            SecurityIntelligenceLayer = r.ReadUInt8("security-intelligence layer"),
            FileEventCount = r.ReadUInt16("file event count"),
            IntrusionEventCount = r.ReadUInt16("intrusion event count"),
            InitiatorCountry = r.ReadUInt16("initiator country"),
            ResponderCountry = r.ReadUInt16("responder country"),
            OriginalClientCountry = r.ReadUInt16("original client country"),
            IocNumber = r.ReadUInt16("IOC number"),
            SourceAutonomousSystem = r.ReadUInt32("source autonomous system"),
            DestinationAutonomousSystem = r.ReadUInt32("destination autonomous system"),
            SnmpIn = r.ReadUInt16("SNMP in"),
            SnmpOut = r.ReadUInt16("SNMP out"),
            SourceTos = r.ReadUInt8("source ToS"),
            DestinationTos = r.ReadUInt8("destination ToS"),
            SourceMask = r.ReadUInt8("source mask"),
            DestinationMask = r.ReadUInt8("destination mask"),
            SecurityContext = r.ReadFixed(16, "security context"),
            VlanId = r.ReadUInt16("VLAN ID"),
            ReferencedHost = r.ReadStringBlock("referenced host"),
            UserAgent = r.ReadStringBlock("user agent"),
            HttpReferrer = r.ReadStringBlock("HTTP referrer"),
            SslCertificateFingerprint = r.ReadFixed(20, "SSL certificate fingerprint"),
            SslPolicy = r.ReadUuid("SSL policy"),
            SslRuleId = r.ReadUInt32("SSL rule ID"),
            SslCipherSuite = r.ReadUInt16("SSL cipher suite"),
            SslVersion = r.ReadUInt8("SSL version"),
            SslServerCertificateStatus = r.ReadUInt32("SSL server certificate status"),
            SslActualAction = r.ReadUInt16("SSL actual action"),
            SslExpectedAction = r.ReadUInt16("SSL expected action"),
            SslFlowStatus = r.ReadUInt16("SSL flow status"),
            SslFlowError = r.ReadUInt32("SSL flow error"),
            SslFlowMessages = r.ReadUInt32("SSL flow messages"),
            SslFlowFlags = r.ReadUInt64("SSL flow flags"),
            SslServerName = r.ReadStringBlock("SSL server name"),
            SslUrlCategory = r.ReadUInt32("SSL URL category"),
            SslSessionId = r.ReadFixed(32, "SSL session ID"),
            SslSessionIdLength = r.ReadUInt8("SSL session ID length"),
            SslTicketId = r.ReadFixed(20, "SSL ticket ID"),
            SslTicketIdLength = r.ReadUInt8("SSL ticket ID length"),
            NetworkAnalysisPolicyRevision = r.ReadUuid("network analysis policy revision"),
            EndpointProfileId = r.ReadUInt32("endpoint profile ID"),
            SecurityGroupId = r.ReadUInt32("security group ID"),
            SourceSecurityGroupTag = tags ? r.ReadUInt16("source security group tag") : (ushort)0,
            SourceSecurityGroupTagType = tagTypesAndVrfs ? r.ReadUInt8("source security group tag type") : (byte)0,
            DestinationSecurityGroupTag = tags ? r.ReadUInt16("destination security group tag") : (ushort)0,
            DestinationSecurityGroupTagType = tagTypesAndVrfs ? r.ReadUInt8("destination security group tag type") : (byte)0,
            LocationIp = r.ReadIPv6("location IPv6"),
            HttpResponseCode = r.ReadUInt32("HTTP response code"),
            DnsQuery = r.ReadStringBlock("DNS query"),
            DnsRecordType = r.ReadUInt16("DNS record type"),
            DnsResponseType = r.ReadUInt16("DNS response type"),
            DnsTtl = r.ReadUInt32("DNS TTL"),
            SinkholeUuid = r.ReadUuid("sinkhole UUID"),
            SecurityIntelligenceList1 = r.ReadUInt32("security-intelligence list 1"),
            SecurityIntelligenceList2 = r.ReadUInt32("security-intelligence list 2"),
            SecurityIntelligenceList3 = blockType == Block168 ? r.ReadUInt32("security-intelligence list 3") : 0,
            ThreatIntelligenceCategory = HasThreatIntelligenceCategory(blockType) ? r.ReadUInt32("threat-intelligence category") : 0,
            EveProcessName = is174 ? r.ReadStringBlock("EVE process name") : string.Empty,
            EveProcessConfidence = is174 ? r.ReadUInt8("EVE process confidence") : (byte)0,
            EveThreatConfidence = is174 ? r.ReadUInt8("EVE threat confidence") : (byte)0,
            EveThreatConfidenceIndex = is174 ? r.ReadUInt8("EVE threat confidence index") : (byte)0,
            ClientApplicationDetectorId = is174 ? r.ReadUInt8("client application detector ID") : (byte)0,
            NatInitiatorPort = is174 ? r.ReadUInt16("NAT initiator port") : (ushort)0,
            NatResponderPort = is174 ? r.ReadUInt16("NAT responder port") : (ushort)0,
            NatInitiatorIp = is174 ? r.ReadIPv6("NAT initiator IP") : IPAddress.IPv6Any,
            NatResponderIp = is174 ? r.ReadIPv6("NAT responder IP") : IPAddress.IPv6Any,
            IngressVrf = tagTypesAndVrfs ? r.ReadStringBlock("ingress VRF name") : string.Empty,
            EgressVrf = tagTypesAndVrfs ? r.ReadStringBlock("egress VRF name") : string.Empty,
            SourceIpDynamicAttributes = HasDynamicAttributes(blockType) ? r.ReadStringBlock("source IP dynamic attributes") : string.Empty,
            DestinationIpDynamicAttributes = HasDynamicAttributes(blockType) ? r.ReadStringBlock("destination IP dynamic attributes") : string.Empty,
        };

        r.ExpectEnd("connection block");
        return record;
    }

    private static EquatableArray<uint> ReadMonitorRules(ref WireReader reader)
    {
        var rules = new uint[MonitorRuleCount];
        if (reader.Remaining < rules.Length * sizeof(uint))
        {
            // Short: name the rule the bytes run out in (the names are made only for this error).
            for (var i = 0; i < rules.Length; i++)
            {
                rules[i] = reader.ReadUInt32($"monitor rule {i + 1}");
            }
        }

        for (var i = 0; i < rules.Length; i++)
        {
            rules[i] = reader.ReadUInt32("monitor rules");
        }

        return rules;
    }

    // The "Blocks" column of reference 11.17. These comparisons are exact only over the supported set,
    // where 168 sits between 163 and 169; callers check support first.
    private static bool HasThreatIntelligenceCategory(uint blockType) => blockType >= Block169;

    private static bool HasSecurityGroupTags(uint blockType) => blockType >= Block170;

    private static bool HasTagTypesAndVrfs(uint blockType) => blockType >= Block171;

    private static bool HasDynamicAttributes(uint blockType) => blockType >= Block173;

}

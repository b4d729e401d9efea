using EStreamer.Protocol.Negotiation;
using EStreamer.Scenarios.Model;

namespace EStreamer.Scenarios.Loading;

/// <summary>The YAML spellings of enumerations and coded fields. Kebab-case throughout, as in the keys.</summary>
internal static partial class Names
{
    /// <summary>
    /// The YAML spelling of a C# name: <c>VlanTagUpdate</c> → <c>vlan-tag-update</c>, <c>EventMicrosecond</c> →
    /// <c>event-microsecond</c>. "NetBios" is one word in every document that names it.
    /// </summary>
    public static string Kebab(string pascal) =>
        WordStart().Replace(pascal.Replace("NetBios", "Netbios", StringComparison.Ordinal), "-").ToLowerInvariant();

    [System.Text.RegularExpressions.GeneratedRegex("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")]
    private static partial System.Text.RegularExpressions.Regex WordStart();

    public static readonly IReadOnlyDictionary<string, EventKind> EventKinds = new Dictionary<string, EventKind>
    {
        ["intrusion"] = EventKind.Intrusion,
        ["impact-alert"] = EventKind.ImpactAlert,
        ["connection"] = EventKind.Connection,
        ["file"] = EventKind.File,
        ["malware"] = EventKind.Malware,
        ["user-login"] = EventKind.UserLogin,
        ["discovery"] = EventKind.Discovery,
        ["correlation"] = EventKind.Correlation,
        ["record"] = EventKind.Record,
    };

    /// <summary>The user-activity records a <c>user-login</c> step makes (reference 11.12, 11.20); a login by default.</summary>
    public static readonly IReadOnlyDictionary<string, EStreamer.Protocol.Records.RecordType> UserActivities = new Dictionary<string, EStreamer.Protocol.Records.RecordType>
    {
        ["login"] = EStreamer.Protocol.Records.RecordType.UserLogin,
        ["new-user"] = EStreamer.Protocol.Records.RecordType.NewUserIdentity,
        ["user-removed"] = EStreamer.Protocol.Records.RecordType.UserRemoved,
        ["user-dropped"] = EStreamer.Protocol.Records.RecordType.UserDropped,
        ["vpn-login"] = EStreamer.Protocol.Records.RecordType.VpnLogin,
        ["vpn-logoff"] = EStreamer.Protocol.Records.RecordType.VpnLogoff,
    };

    public static readonly IReadOnlyDictionary<string, EventFamily> ServerFamilies = new Dictionary<string, EventFamily>
    {
        ["intrusion"] = EventFamily.Intrusion,
        ["packet-data"] = EventFamily.PacketData,
        ["extra-data"] = EventFamily.ExtraData,
        ["impact-alert"] = EventFamily.ImpactAlert,
        ["connection"] = EventFamily.Connection,
        ["file"] = EventFamily.File,
        ["malware"] = EventFamily.Malware,
        ["user-activity"] = EventFamily.UserActivity,
        ["discovery"] = EventFamily.Discovery,
        ["correlation"] = EventFamily.Correlation,
        ["metadata"] = EventFamily.Metadata,
    };

    public static readonly IReadOnlyDictionary<string, FaultKind> FaultKinds = new Dictionary<string, FaultKind>
    {
        ["graceful-disconnect"] = FaultKind.GracefulDisconnect,
        ["tcp-reset"] = FaultKind.TcpReset,
        ["stall"] = FaultKind.Stall,
        ["keepalive-gap"] = FaultKind.KeepaliveGap,
        ["error-message"] = FaultKind.ErrorMessage,
        ["wrong-header-version"] = FaultKind.WrongHeaderVersion,
        ["unknown-record-type"] = FaultKind.UnknownRecordType,
        ["truncated-message"] = FaultKind.TruncatedMessage,
        ["slow-drip"] = FaultKind.SlowDrip,
        ["refuse-connections"] = FaultKind.RefuseConnections,
        ["disable-service"] = FaultKind.DisableService,
    };

    public static readonly IReadOnlyDictionary<string, DiscoveryKind> DiscoveryKinds = new Dictionary<string, DiscoveryKind>
    {
        ["new-network-protocol"] = DiscoveryKind.NewNetworkProtocol,
        ["new-transport-protocol"] = DiscoveryKind.NewTransportProtocol,
        ["host-timeout"] = DiscoveryKind.HostTimeout,
        ["ip-reused"] = DiscoveryKind.IpReused,
        ["host-deleted"] = DiscoveryKind.HostDeleted,
        ["host-dropped"] = DiscoveryKind.HostDropped,
        ["hops-change"] = DiscoveryKind.HopsChange,
        ["tcp-port-closed"] = DiscoveryKind.TcpPortClosed,
        ["udp-port-closed"] = DiscoveryKind.UdpPortClosed,
        ["tcp-port-timeout"] = DiscoveryKind.TcpPortTimeout,
        ["udp-port-timeout"] = DiscoveryKind.UdpPortTimeout,
        ["ip-changed"] = DiscoveryKind.IpChanged,
        ["router"] = DiscoveryKind.Router,
        ["mac-change"] = DiscoveryKind.MacChange,
        ["additional-mac"] = DiscoveryKind.AdditionalMac,
    };

    public static readonly IReadOnlyDictionary<string, long> Protocols = new Dictionary<string, long>
    {
        ["icmp"] = 1,
        ["tcp"] = 6,
        ["udp"] = 17,
        ["icmpv6"] = 58,
    };

    /// <summary>Intrusion "blocked" field (reference 11.6).</summary>
    public static readonly IReadOnlyDictionary<string, long> Blocked = new Dictionary<string, long>
    {
        ["no"] = 0,
        ["yes"] = 1,
        ["would-block"] = 2,

        // YAML 1.1 readers (and so some editors) take yes/no for booleans; accept what they would write back.
        ["false"] = 0,
        ["true"] = 1,
    };

    /// <summary>Impact level (reference 11.6): 1 red … 4 blue, 0 unknown.</summary>
    public static readonly IReadOnlyDictionary<string, long> Impact = new Dictionary<string, long>
    {
        ["unknown"] = 0,
        ["red"] = 1,
        ["orange"] = 2,
        ["yellow"] = 3,
        ["blue"] = 4,
    };

    /// <summary>File and malware disposition (reference 11.10).</summary>
    public static readonly IReadOnlyDictionary<string, long> Disposition = new Dictionary<string, long>
    {
        ["clean"] = 1,
        ["unknown"] = 2,
        ["malware"] = 3,
        ["unavailable"] = 4,
        ["no-response"] = 5,
    };

    /// <summary>File action (reference 11.10).</summary>
    public static readonly IReadOnlyDictionary<string, long> FileAction = new Dictionary<string, long>
    {
        ["detect"] = 1,
        ["block"] = 2,
        ["malware-cloud-lookup"] = 3,
        ["malware-block"] = 4,
        ["malware-allow-list"] = 5,
        ["cloud-lookup-timeout"] = 6,
    };

    public static readonly IReadOnlyDictionary<string, long> Direction = new Dictionary<string, long>
    {
        ["download"] = 1,
        ["upload"] = 2,
    };

    /// <summary>
    /// Intrusion extra-data types (records 110/111), numbered as Snort's unified2 event-info types.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, ExtraDataType> ExtraDataTypes = new Dictionary<string, ExtraDataType>
    {
        ["original-client-ipv4"] = new(1, "Original Client IPv4 Address", "IPv4"),
        ["original-client-ipv6"] = new(2, "Original Client IPv6 Address", "IPv6"),
        ["smtp-filename"] = new(5, "SMTP Attachment Filename", "string"),
        ["smtp-mail-from"] = new(6, "SMTP MAIL FROM", "string"),
        ["smtp-rcpt-to"] = new(7, "SMTP RCPT TO", "string"),
        ["smtp-headers"] = new(8, "SMTP Email Headers", "string"),
        ["http-uri"] = new(9, "HTTP URI", "string"),
        ["http-hostname"] = new(10, "HTTP Hostname", "string"),
    };
}

namespace EStreamer.Protocol.Records.Discovery;

/// <summary>
/// The event type and subtype a discovery header carries for each record type (reference 9.7; user-input
/// subtypes from the FireSIGHT guide's table 4-26). Clients select layouts by record type, never by these,
/// but they show them, so a server must pair them as a real one does.
/// </summary>
public static class DiscoveryEventSubtypes
{
    private static readonly Dictionary<RecordType, (uint Type, uint Subtype)> Pairs = new()
    {
        [RecordType.NewHost] = (DiscoveryEventType.NewEvent, 1),
        [RecordType.NewTcpServer] = (DiscoveryEventType.NewEvent, 2),
        [RecordType.NewNetworkProtocol] = (DiscoveryEventType.NewEvent, 3),
        [RecordType.NewTransportProtocol] = (DiscoveryEventType.NewEvent, 4),
        [RecordType.NewUdpServer] = (DiscoveryEventType.NewEvent, 6),
        [RecordType.NewClientApplication] = (DiscoveryEventType.NewEvent, 7),
        [RecordType.NewOs] = (DiscoveryEventType.NewEvent, 8),
        [RecordType.HostIpAddressChanged] = (DiscoveryEventType.ChangeEvent, 1),
        [RecordType.OsInformationUpdate] = (DiscoveryEventType.ChangeEvent, 2),
        [RecordType.HostIpAddressReused] = (DiscoveryEventType.ChangeEvent, 3),
        [RecordType.HopsChange] = (DiscoveryEventType.ChangeEvent, 5),
        [RecordType.TcpServerInformationUpdate] = (DiscoveryEventType.ChangeEvent, 6),
        [RecordType.HostTimeout] = (DiscoveryEventType.ChangeEvent, 7),
        [RecordType.TcpPortClosed] = (DiscoveryEventType.ChangeEvent, 8),
        [RecordType.UdpPortClosed] = (DiscoveryEventType.ChangeEvent, 9),
        [RecordType.UdpServerInformationUpdate] = (DiscoveryEventType.ChangeEvent, 10),
        [RecordType.TcpPortTimeout] = (DiscoveryEventType.ChangeEvent, 11),
        [RecordType.UdpPortTimeout] = (DiscoveryEventType.ChangeEvent, 12),
        [RecordType.MacInformationChange] = (DiscoveryEventType.ChangeEvent, 13),
        [RecordType.AdditionalMacDetected] = (DiscoveryEventType.ChangeEvent, 14),
        [RecordType.HostIdentifiedAsRouter] = (DiscoveryEventType.ChangeEvent, 16),
        [RecordType.VlanTagUpdate] = (DiscoveryEventType.ChangeEvent, 18),
        [RecordType.HostDeletedLimitReached] = (DiscoveryEventType.ChangeEvent, 19),
        [RecordType.ClientApplicationTimeout] = (DiscoveryEventType.ChangeEvent, 20),
        [RecordType.NetBiosNameChange] = (DiscoveryEventType.ChangeEvent, 21),
        [RecordType.HostDroppedLimitReached] = (DiscoveryEventType.ChangeEvent, 23),
        [RecordType.BannerUpdate] = (DiscoveryEventType.ChangeEvent, 24),
        [RecordType.TcpServerConfidenceUpdate] = (DiscoveryEventType.ChangeEvent, 25),
        [RecordType.UdpServerConfidenceUpdate] = (DiscoveryEventType.ChangeEvent, 26),
        [RecordType.OsConfidenceUpdate] = (DiscoveryEventType.ChangeEvent, 27),
        [RecordType.IdentityConflict] = (DiscoveryEventType.ChangeEvent, 29),
        [RecordType.IdentityTimeout] = (DiscoveryEventType.ChangeEvent, 30),
        [RecordType.ClientApplicationUpdate] = (DiscoveryEventType.ChangeEvent, 32),
        [RecordType.ConnectionStatistics] = (DiscoveryEventType.Connection, 1),
        [RecordType.ConnectionChunk] = (DiscoveryEventType.Connection, 2),
        [RecordType.NewUserIdentity] = (DiscoveryEventType.UserActivity, 1),
        [RecordType.UserLogin] = (DiscoveryEventType.UserActivity, 2),
        [RecordType.UserRemoved] = (DiscoveryEventType.UserActivity, 3),
        [RecordType.UserDropped] = (DiscoveryEventType.UserActivity, 4),
        [RecordType.HostIocSet] = (DiscoveryEventType.IndicatorOfCompromise, 1),
        [RecordType.UserDeleteProtocol] = (DiscoveryEventType.UserInput, 14),
        [RecordType.UserDeleteClientApplication] = (DiscoveryEventType.UserInput, 15),
        [RecordType.UserSetOs] = (DiscoveryEventType.UserInput, 16),
        [RecordType.UserSetServer] = (DiscoveryEventType.UserInput, 19),
        [RecordType.UserDeleteAddress] = (DiscoveryEventType.UserInput, 20),
        [RecordType.UserDeleteServer] = (DiscoveryEventType.UserInput, 21),
        [RecordType.UserSetValidVulnerabilities] = (DiscoveryEventType.UserInput, 22),
        [RecordType.UserSetInvalidVulnerabilities] = (DiscoveryEventType.UserInput, 23),
        [RecordType.UserSetCriticality] = (DiscoveryEventType.UserInput, 24),
        [RecordType.UserSetAttributeValue] = (DiscoveryEventType.UserInput, 25),
        [RecordType.UserDeleteAttributeValue] = (DiscoveryEventType.UserInput, 26),
        [RecordType.UserAddHost] = (DiscoveryEventType.UserInput, 27),
        [RecordType.UserAddServer] = (DiscoveryEventType.UserInput, 28),
        [RecordType.UserAddClientApplication] = (DiscoveryEventType.UserInput, 29),
        [RecordType.UserAddProtocol] = (DiscoveryEventType.UserInput, 30),
    };

    /// <summary>
    /// The pair for a record type. Types the tables leave open (host attribute add / update / delete 46–48,
    /// add scan result 89) and VPN login / logoff (170, 171) get their family's event type and subtype 0.
    /// </summary>
    public static (uint Type, uint Subtype) For(RecordType recordType) =>
        Pairs.TryGetValue(recordType, out var pair) ? pair
        : (uint)recordType is >= 74 and <= 89 or >= 46 and <= 48 ? (DiscoveryEventType.UserInput, 0u)
        : recordType is RecordType.VpnLogin or RecordType.VpnLogoff ? (DiscoveryEventType.UserActivity, 0u)
        : (DiscoveryEventType.ChangeEvent, 0u);
}

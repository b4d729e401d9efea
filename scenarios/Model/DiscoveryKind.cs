namespace EStreamer.Scenarios.Model;

/// <summary>Discovery records a scenario can produce (reference 11.15); each maps to one record type and subtype.</summary>
internal enum DiscoveryKind
{
    NewNetworkProtocol,
    NewTransportProtocol,
    HostTimeout,
    IpReused,
    HostDeleted,
    HostDropped,
    HopsChange,
    TcpPortClosed,
    UdpPortClosed,
    TcpPortTimeout,
    UdpPortTimeout,
    IpChanged,
    Router,
    MacChange,
    AdditionalMac,
}

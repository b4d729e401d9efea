using System.Net;
using System.Net.Sockets;
using EStreamer.Protocol.Messages;

namespace EStreamer.Client;

/// <summary>
/// Host Data Requests (type 5, reference 8.1). Data type 6 asks for one host and 7 for a range, in the
/// 5.0+ profile format; addresses go out in 16 bytes when either is IPv6, else in 4 as the Perl SDK sends them.
/// </summary>
public static class HostRequest
{
    public const uint SingleHostCurrent = 6;
    public const uint MultipleHostsCurrent = 7;

    /// <summary>One host: its address as both start and end.</summary>
    public static HostDataRequestMessage Single(IPAddress host, uint flags = 0, uint dataType = SingleHostCurrent) =>
        new(dataType, flags, host, host, IsWide(host, host));

    /// <summary>Every host from <paramref name="first"/> to <paramref name="last"/>; the answer ends with a header-only type 7.</summary>
    public static HostDataRequestMessage Range(IPAddress first, IPAddress last, uint flags = 0, uint dataType = MultipleHostsCurrent) =>
        new(dataType, flags, first, last, IsWide(first, last));

    private static bool IsWide(IPAddress first, IPAddress last) =>
        first.AddressFamily == AddressFamily.InterNetworkV6 || last.AddressFamily == AddressFamily.InterNetworkV6;
}

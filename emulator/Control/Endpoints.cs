using System.Net;

namespace EStreamer.Emulator.Control;

/// <summary>
/// Client addresses as people write them. The server's socket is dual-stack, so IPv4 clients arrive as
/// IPv4-mapped IPv6 (::ffff:127.0.0.1); reports and the API show the IPv4 form.
/// </summary>
internal static class Endpoints
{
    public static string? Address(EndPoint? endpoint) => endpoint switch
    {
        IPEndPoint ip => Plain(ip.Address).ToString(),
        null => null,
        var other => other.ToString(),
    };

    public static string? Text(EndPoint? endpoint) => endpoint switch
    {
        IPEndPoint ip => new IPEndPoint(Plain(ip.Address), ip.Port).ToString(),
        null => null,
        var other => other.ToString(),
    };

    private static IPAddress Plain(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}

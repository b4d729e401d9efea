using Bogus;
using EStreamer.Protocol.Records.Files;

namespace EStreamer.Scenarios.Generators;

/// <summary>Small tables of plausible network facts that several generators draw from.</summary>
internal static class NetworkFacts
{
    public const byte Tcp = 6;
    public const byte Udp = 17;

    /// <summary>Common services: port, transport, and a host name pattern clients display.</summary>
    public static readonly (ushort Port, byte Protocol, string Scheme)[] Services =
    [
        (443, Tcp, "https"),
        (443, Tcp, "https"),
        (80, Tcp, "http"),
        (53, Udp, "dns"),
        (22, Tcp, "ssh"),
        (445, Tcp, "smb"),
        (3389, Tcp, "rdp"),
        (25, Tcp, "smtp"),
    ];

    public static readonly uint[] HttpResponseCodes = [200, 200, 200, 301, 302, 403, 404, 500];

    /// <summary>A file fetched over plain HTTP with a 200 answer: no TLS session, no archive, no VRF.</summary>
    public static readonly FileTransferDetails HttpOkTransfer = new() { HttpResponseCode = 200 };

    /// <summary>
    /// A short list of current browser and tool user agents. Bogus's own UserAgent() composes strings from many
    /// draws and is by far the slowest call a generator would make, too slow for 100,000 events per second.
    /// </summary>
    public static readonly string[] UserAgents =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        "Microsoft-CryptoAPI/10.0",
        "curl/8.5.0",
        "python-requests/2.31.0",
    ];

    public static ushort EphemeralPort(Faker f) => (ushort)f.Random.Int(49152, 65535);

    public static ushort Country(Faker f) => f.PickRandom(ScenarioWorld.Countries.ToArray()).Code;

    /// <summary>A public-looking IPv4 address: Bogus's addresses, with private and reserved first octets pushed out.</summary>
    public static System.Net.IPAddress ExternalAddress(Faker f)
    {
        var bytes = f.Internet.IpAddress().GetAddressBytes();
        if (bytes[0] is 0 or 10 or 127 or 169 or 172 or 192 or >= 224)
        {
            bytes[0] = (byte)f.Random.Int(23, 99);
        }

        return new System.Net.IPAddress(bytes);
    }

    /// <summary>Impact level from impact flag bits, in the order eNcore recomputes it (reference 11.6).</summary>
    public static byte ImpactLevel(byte flags)
    {
        if ((flags & 0xD8) != 0)
        {
            return 1;
        }

        if ((flags & 0x06) == 0x06)
        {
            return 2;
        }

        if ((flags & 0x02) != 0)
        {
            return 3;
        }

        return (flags & 0x01) != 0 ? (byte)4 : (byte)0;
    }

    public static string ImpactLabel(byte level) => level switch
    {
        1 => "Vulnerable",
        2 => "Potentially Vulnerable",
        3 => "Currently Not Vulnerable",
        4 => "Unknown Target",
        _ => "Unknown",
    };
}

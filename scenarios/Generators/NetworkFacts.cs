using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
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

    public static ushort EphemeralPort(Draws d) => (ushort)d.Int(49152, 65535);

    /// <summary>Country code of private, reserved and documentation addresses: none, as a server shows them.</summary>
    public const ushort UnknownCountry = 0;

    // Country code plus one by IPv4 /16 (zero: not yet worked out); threads that race write the same value.
    private static readonly int[] Ipv4Countries = new int[1 << 16];

    /// <summary>
    /// The country of an address, the same in every record: unknown for private and reserved ranges, otherwise
    /// one of the world's countries picked by the address's /16 (IPv4) or /32 (IPv6) prefix.
    /// </summary>
    public static ushort CountryOf(IPAddress address)
    {
        var plain = Plain(address);
        if (IsPrivateOrReserved(plain))
        {
            return UnknownCountry;
        }

        Span<byte> bytes = stackalloc byte[16];
        plain.TryWriteBytes(bytes, out _);
        if (plain.AddressFamily != AddressFamily.InterNetwork)
        {
            return CountryOfPrefix(BinaryPrimitives.ReadInt32BigEndian(bytes));
        }

        // Every generated event names two countries: an IPv4 /16's is worked out once per process.
        var slot = (bytes[0] << 8) | bytes[1];
        var known = Volatile.Read(ref Ipv4Countries[slot]);
        if (known == 0)
        {
            known = CountryOfPrefix(slot) + 1;
            Volatile.Write(ref Ipv4Countries[slot], known);
        }

        return (ushort)(known - 1);
    }

    private static ushort CountryOfPrefix(int prefix)
    {
        var countries = ScenarioWorld.Countries;
        return countries[Seeds.Derive(prefix, "country", 0) % countries.Count].Code;
    }

    /// <summary>Private, loopback, link-local, shared, benchmarking, documentation, multicast and reserved ranges (and the unset address).</summary>
    public static bool IsPrivateOrReserved(IPAddress address)
    {
        var plain = Plain(address);
        Span<byte> b = stackalloc byte[16];
        plain.TryWriteBytes(b, out var length);
        if (length == 4)
        {
            return b[0] is 0 or 10 or 127 or >= 224
                || (b[0] == 100 && (b[1] & 0xC0) == 64)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && (b[1] & 0xF0) == 16)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2)
                || (b[0] == 198 && (b[1] & 0xFE) == 18)
                || (b[0] == 198 && b[1] == 51 && b[2] == 100)
                || (b[0] == 203 && b[1] == 0 && b[2] == 113);
        }

        return (b[0] & 0xFE) == 0xFC
            || b[0] == 0xFF
            || (b[0] == 0xFE && (b[1] & 0xC0) == 0x80)
            || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8)
            || b[..15].IndexOfAnyExcept((byte)0) < 0;
    }

    /// <summary>An IPv4-mapped IPv6 address as the IPv4 address it maps; any other address as it is.</summary>
    public static IPAddress Plain(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>What a legacy 4-byte address field holds for an address: the IPv4 address, or zeros for IPv6.</summary>
    public static IPAddress IPv4Of(IPAddress address)
    {
        var plain = Plain(address);
        return plain.AddressFamily == AddressFamily.InterNetwork ? plain : IPAddress.Any;
    }

    /// <summary>
    /// A stable locally administered unicast MAC for an address no pool host owns (outside hosts, addresses a
    /// scenario names): the same address always gets the same MAC. <paramref name="purpose"/> tells a host's
    /// further MACs (an additional interface) apart from its primary one.
    /// </summary>
    public static byte[] DerivedMac(IPAddress address, string purpose)
    {
        var mac = new byte[6];
        var bytes = Plain(address).GetAddressBytes();
        var high = Seeds.Derive(BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(bytes.Length - 4)), purpose, bytes.Length == 16 ? BinaryPrimitives.ReadInt32BigEndian(bytes) : 0);
        var low = Seeds.Derive(high, purpose, bytes.Length == 16 ? BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4)) ^ BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(8)) : 0);
        BinaryPrimitives.WriteInt32BigEndian(mac, high);
        mac[4] = (byte)(low >> 8);
        mac[5] = (byte)low;
        mac[0] = (byte)((mac[0] & 0xFC) | 0x02);
        return mac;
    }

    /// <summary>A public IPv4 address: random octets, with first octets that hold private or reserved ranges pushed out.</summary>
    public static IPAddress ExternalAddress(Draws d)
    {
        Span<byte> bytes = stackalloc byte[4];
        d.Fill(bytes);
        if (bytes[0] is 0 or 10 or 100 or 127 or 169 or 172 or 192 or 198 or 203 or >= 224)
        {
            bytes[0] = (byte)d.Int(23, 99);
        }

        return new IPAddress(bytes);
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

    /// <summary>Impact flags that give <paramref name="level"/> (the inverse of <see cref="ImpactLevel"/>), for an event given only its level.</summary>
    public static byte ImpactFlagsFor(byte level) => level switch
    {
        1 => 0x1F,
        2 => 0x07,
        3 => 0x03,
        4 => 0x01,
        _ => 0x00,
    };

    public static string ImpactLabel(byte level) => level switch
    {
        1 => "Vulnerable",
        2 => "Potentially Vulnerable",
        3 => "Currently Not Vulnerable",
        4 => "Unknown Target",
        _ => "Unknown",
    };
}

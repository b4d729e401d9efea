using System.Buffers.Binary;
using System.Security.Authentication;

namespace EStreamer.Emulator.Tls;

/// <summary>
/// What the first bytes of a connection say about the client, read before the TLS stack sees them so that a
/// failed handshake can be explained: not TLS at all, or TLS versions the server does not speak. Only the
/// first record is read; a ClientHello split over several reads is <see cref="Unknown"/>.
/// </summary>
internal sealed record ClientHello(bool IsTls, SslProtocols Offered, string FirstBytes)
{
    private const byte HandshakeRecord = 0x16;
    private const byte ClientHelloType = 0x01;
    private const ushort SupportedVersions = 0x002b;

    public static readonly ClientHello Unknown = new(true, SslProtocols.None, string.Empty);

    /// <summary>The client's versions none of which the server accepts; null when they share one (or nothing is known).</summary>
    public string? VersionMismatch(SslProtocols accepted)
    {
        if (!IsTls || Offered == SslProtocols.None || (Offered & accepted) != 0)
        {
            return null;
        }

        var enableHint = (Offered & SslProtocols.Tls13) != 0 ? " (TLS 1.3 is off: --tls13 on)" : string.Empty;
        return $"{Describe(Offered)} is not accepted; the server speaks {Describe(accepted)}{enableHint}";
    }

    public static ClientHello Parse(ReadOnlySpan<byte> bytes)
    {
        var first = Convert.ToHexString(bytes[..Math.Min(8, bytes.Length)]);
        if (bytes.Length == 0)
        {
            return Unknown;
        }

        if (bytes[0] != HandshakeRecord)
        {
            return new ClientHello(false, SslProtocols.None, first);
        }

        try
        {
            return new ClientHello(true, ReadOffered(bytes), first);
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            // Shorter than its own lengths say: the rest is in a later read.
            return Unknown;
        }
    }

    /// <summary>Record header (5), handshake header (4), legacy version, random, session id, suites, compression, extensions.</summary>
    private static SslProtocols ReadOffered(ReadOnlySpan<byte> record)
    {
        if (record.Length < 11 || record[5] != ClientHelloType)
        {
            return SslProtocols.None;
        }

        var legacy = BinaryPrimitives.ReadUInt16BigEndian(record[9..]);
        var at = 11 + 32;
        at += 1 + record[at];
        at += 2 + BinaryPrimitives.ReadUInt16BigEndian(record[at..]);
        at += 1 + record[at];
        if (at + 2 > record.Length)
        {
            return ToProtocol(legacy);
        }

        var end = at + 2 + BinaryPrimitives.ReadUInt16BigEndian(record[at..]);
        at += 2;
        while (at + 4 <= end)
        {
            var type = BinaryPrimitives.ReadUInt16BigEndian(record[at..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(record[(at + 2)..]);
            if (type == SupportedVersions)
            {
                var offered = SslProtocols.None;
                var list = record.Slice(at + 5, record[at + 4]);
                for (var i = 0; i + 1 < list.Length; i += 2)
                {
                    offered |= ToProtocol(BinaryPrimitives.ReadUInt16BigEndian(list[i..]));
                }

                return offered;
            }

            at += 4 + length;
        }

        return ToProtocol(legacy);
    }

    private static SslProtocols ToProtocol(ushort version) => version switch
    {
#pragma warning disable CS0618, SYSLIB0039 // Old versions are named only to say that they are refused.
        0x0300 => SslProtocols.Ssl3,
        0x0301 => SslProtocols.Tls,
        0x0302 => SslProtocols.Tls11,
#pragma warning restore CS0618, SYSLIB0039
        0x0303 => SslProtocols.Tls12,
        0x0304 => SslProtocols.Tls13,
        _ => SslProtocols.None,
    };

    private static string Describe(SslProtocols protocols)
    {
        var names = new List<string>();
#pragma warning disable CS0618, SYSLIB0039
        if ((protocols & SslProtocols.Ssl3) != 0)
        {
            names.Add("SSL 3.0");
        }

        if ((protocols & SslProtocols.Tls) != 0)
        {
            names.Add("TLS 1.0");
        }

        if ((protocols & SslProtocols.Tls11) != 0)
        {
            names.Add("TLS 1.1");
        }
#pragma warning restore CS0618, SYSLIB0039

        if ((protocols & SslProtocols.Tls12) != 0)
        {
            names.Add("TLS 1.2");
        }

        if ((protocols & SslProtocols.Tls13) != 0)
        {
            names.Add("TLS 1.3");
        }

        return names.Count switch
        {
            0 => "no known TLS version",
            1 => names[0],
            _ when names.All(n => n.StartsWith("TLS 1.", StringComparison.Ordinal)) => "TLS " + string.Join('/', names.Select(n => n[4..])),
            _ => string.Join('/', names),
        };
    }
}

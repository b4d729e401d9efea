using System.Buffers.Binary;
using System.Text;
using Bogus;

namespace EStreamer.Scenarios.Generators;

/// <summary>
/// The first bytes a client sends to a service, so that a generated packet's payload is what its port
/// promises and packet tools dissect it cleanly: an HTTP request, a TLS record, a DNS query, an SSH banner,
/// an SMTP greeting; random bytes for the rest.
/// </summary>
internal static class ServicePayload
{
    public static byte[] For(Faker f, string scheme, string hostname, string uri, string domain) => scheme switch
    {
        "http" => Encoding.ASCII.GetBytes($"GET {uri} HTTP/1.1\r\nHost: {hostname}\r\nUser-Agent: {f.PickRandom(NetworkFacts.UserAgents)}\r\n\r\n"),
        "https" => TlsApplicationData(f.Random.Bytes(f.Random.Int(32, 160))),
        "dns" => DnsQuery((ushort)f.Random.Int(1, 65535), domain),
        "ssh" => Encoding.ASCII.GetBytes("SSH-2.0-OpenSSH_9.6\r\n"),
        "smtp" => Encoding.ASCII.GetBytes($"EHLO {domain}\r\n"),
        _ => f.Random.Bytes(f.Random.Int(16, 96)),
    };

    // A TLS 1.2 application-data record: content type 23, version 3.3, length, then the encrypted bytes.
    private static byte[] TlsApplicationData(byte[] encrypted)
    {
        var record = new byte[5 + encrypted.Length];
        record[0] = 23;
        record[1] = 3;
        record[2] = 3;
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(3), (ushort)encrypted.Length);
        encrypted.CopyTo(record.AsSpan(5));
        return record;
    }

    // A standard recursive query (RFC 1035) for the A record of one name.
    private static byte[] DnsQuery(ushort id, string name)
    {
        var bytes = new List<byte>(32 + name.Length);
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt16BigEndian(header, id);
        header[2] = 0x01; // recursion desired
        header[5] = 1; // one question
        bytes.AddRange(header);
        foreach (var label in name.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var text = Encoding.ASCII.GetBytes(label);
            bytes.Add((byte)Math.Min(text.Length, 63));
            bytes.AddRange(text.Take(63));
        }

        bytes.AddRange([0, 0, 1, 0, 1]); // root, type A, class IN
        return [.. bytes];
    }
}

using System.Buffers.Binary;
using System.Text;

namespace EStreamer.Scenarios.Generators;

/// <summary>
/// The first bytes a client sends to a service, so that a generated packet's payload is what its port
/// promises and packet tools dissect it cleanly: an HTTP request, a TLS record, a DNS query, an SSH banner,
/// an SMTP greeting; random bytes for the rest.
/// </summary>
internal static class ServicePayload
{
    /// <summary>
    /// A payload for the service <paramref name="scheme"/> (<see cref="NetworkFacts.Services"/>) about
    /// <paramref name="host"/>: the HTTP Host, the DNS question, the SMTP greeting.
    /// </summary>
    public static byte[] For(Draws random, string scheme, string host, string uri) => scheme switch
    {
        "http" => Encoding.ASCII.GetBytes($"GET {(uri.Length > 0 ? uri : "/")} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: {random.Pick(NetworkFacts.UserAgents)}\r\n\r\n"),
        "https" => TlsApplicationData(random.Bytes(random.Int(32, 160))),
        "dns" => DnsQuery((ushort)random.Int(1, 65535), host),
        "ssh" => Encoding.ASCII.GetBytes("SSH-2.0-OpenSSH_9.6\r\n"),
        "smtp" => Encoding.ASCII.GetBytes($"EHLO {host}\r\n"),
        _ => random.Bytes(random.Int(16, 96)),
    };

    /// <summary>The payload for an event whose port and protocol a scenario set: by the service on that port, seeded by the event.</summary>
    public static byte[] ForPort(uint eventId, ushort port, byte protocol, string host, string uri)
    {
        var scheme = NetworkFacts.Services.FirstOrDefault(s => s.Port == port && s.Protocol == protocol).Scheme ?? string.Empty;
        return For(new Draws(Seeds.Derive((int)eventId, "payload", port)), scheme, host.Length > 0 ? host : "www.example.com", uri);
    }

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
        Span<byte> query = stackalloc byte[12 + name.Length + 2 + 4];
        BinaryPrimitives.WriteUInt16BigEndian(query, id);
        query[2] = 0x01; // recursion desired
        query[5] = 1; // one question
        var at = 12;
        foreach (var range in name.AsSpan().Split('.'))
        {
            var label = name.AsSpan()[range];
            if (label.IsEmpty)
            {
                continue;
            }

            var length = Math.Min(label.Length, 63);
            query[at++] = (byte)length;
            at += Encoding.ASCII.GetBytes(label[..length], query[at..]);
        }

        query[at++] = 0; // root
        BinaryPrimitives.WriteUInt16BigEndian(query[at..], 1); // type A
        BinaryPrimitives.WriteUInt16BigEndian(query[(at + 2)..], 1); // class IN
        return query[..(at + 4)].ToArray();
    }
}

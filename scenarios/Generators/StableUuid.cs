using System.Security.Cryptography;
using System.Text;

namespace EStreamer.Scenarios.Generators;

/// <summary>
/// Name-based UUIDs (RFC 9562 version 8, built from SHA-256): the same name gives the same UUID on every run
/// and machine, which Guid.NewGuid never would. Used for metadata a scenario names but gives no UUID.
/// </summary>
internal static class StableUuid
{
    public static Guid For(params object[] parts)
    {
        var name = "estreamer-emulator/" + string.Join('/', parts.Select(p => Convert.ToString(p, System.Globalization.CultureInfo.InvariantCulture)));
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), hash);
        var bytes = hash[..16];

        // Version 8 (custom) in the high nibble of byte 6, RFC variant in the top bits of byte 8.
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}

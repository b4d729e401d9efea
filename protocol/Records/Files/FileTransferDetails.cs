using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Records.Files;

/// <summary>
/// The fields a file event (blocks 56/79) and a malware event (blocks 62/80) both end with, in wire order
/// (reference 11.10, 11.11, 11.18, 11.19): the TLS session the file crossed, the archive it was found in,
/// the HTTP response that carried it and, in the newer block of each pair, the two VRF names.
/// </summary>
public sealed record FileTransferDetails
{
    /// <summary>Every field zero or empty.</summary>
    public static readonly FileTransferDetails None = new();

    public EquatableArray<byte> SecurityContext { get; init; } = new byte[16];
    public EquatableArray<byte> SslCertificateFingerprint { get; init; } = new byte[20];
    public ushort SslActualAction { get; init; }
    public ushort SslFlowStatus { get; init; }

    /// <summary>Travels as a string block, unlike a file event's raw SHA-256.</summary>
    public string ArchiveSha { get; init; } = string.Empty;

    public string ArchiveName { get; init; } = string.Empty;
    public byte ArchiveDepth { get; init; }
    public uint HttpResponseCode { get; init; }

    /// <summary>Blocks 79 and 80 only.</summary>
    public string IngressVrf { get; init; } = string.Empty;

    /// <summary>Blocks 79 and 80 only.</summary>
    public string EgressVrf { get; init; } = string.Empty;

    internal void Write(WireWriter writer, bool withVrfNames)
    {
        writer.WriteFixed(SecurityContext, 16, "security context");
        writer.WriteFixed(SslCertificateFingerprint, 20, "SSL certificate fingerprint");
        writer.WriteUInt16(SslActualAction);
        writer.WriteUInt16(SslFlowStatus);
        writer.WriteStringBlock(ArchiveSha);
        writer.WriteStringBlock(ArchiveName);
        writer.WriteUInt8(ArchiveDepth);
        writer.WriteUInt32(HttpResponseCode);
        if (withVrfNames)
        {
            // The newer block of each pair is the older one with the VRF names appended.
            writer.WriteStringBlock(IngressVrf);
            writer.WriteStringBlock(EgressVrf);
        }
    }

    internal static FileTransferDetails Read(ref WireReader r, bool withVrfNames)
    {
        var details = new FileTransferDetails
        {
            SecurityContext = r.ReadFixed(16, "security context"),
            SslCertificateFingerprint = r.ReadFixed(20, "SSL certificate fingerprint"),
            SslActualAction = r.ReadUInt16("SSL actual action"),
            SslFlowStatus = r.ReadUInt16("SSL flow status"),
            ArchiveSha = r.ReadStringBlock("archive SHA"),
            ArchiveName = r.ReadStringBlock("archive name"),
            ArchiveDepth = r.ReadUInt8("archive depth"),
            HttpResponseCode = r.ReadUInt32("HTTP response code"),
        };

        return withVrfNames
            ? details with { IngressVrf = r.ReadStringBlock("ingress VRF"), EgressVrf = r.ReadStringBlock("egress VRF") }
            : details;
    }
}

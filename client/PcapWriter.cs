using System.Buffers.Binary;
using EStreamer.Protocol.Records.Intrusion;

namespace EStreamer.Client;

/// <summary>
/// Writes packet records (record 2) as a classic libpcap capture file that Wireshark and tshark open: the
/// global header (magic 0xA1B2C3D4 in little-endian byte order, version 2.4, time zone 0, snap length
/// 65535, the link type of the first packet record), then per packet a record header (the packet second and
/// microsecond of record 2, the captured and original lengths) and the packet bytes. A classic file holds one
/// link type: a packet record of another link type is not written (<see cref="Write"/> returns false).
/// </summary>
public sealed class PcapWriter : IDisposable
{
    public const uint Magic = 0xA1B2C3D4;
    public const ushort VersionMajor = 2;
    public const ushort VersionMinor = 4;
    public const int SnapLength = 65535;
    public const int GlobalHeaderSize = 24;
    public const int RecordHeaderSize = 16;

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private uint? _linkType;
    private bool _disposed;

    public PcapWriter(Stream stream, bool ownsStream = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _ownsStream = ownsStream;
    }

    /// <summary>Packets written so far.</summary>
    public int Packets { get; private set; }

    /// <summary>Creates (or replaces) the file at <paramref name="path"/>.</summary>
    public static PcapWriter Create(string path) => new(File.Create(path), ownsStream: true);

    /// <summary>Appends one packet record; false (and nothing written) when its link type differs from the file's.</summary>
    public bool Write(PacketRecord packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        if (_linkType is { } linkType && linkType != packet.LinkType)
        {
            return false;
        }

        if (_linkType is null)
        {
            WriteGlobalHeader(packet.LinkType);
        }

        var bytes = packet.Packet.AsSpan();
        var captured = Math.Min(bytes.Length, SnapLength);
        Span<byte> header = stackalloc byte[RecordHeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(header, packet.PacketSecond);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], packet.PacketMicrosecond);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)captured);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], (uint)bytes.Length);
        _stream.Write(header);
        _stream.Write(bytes[..captured]);
        Packets++;
        return true;
    }

    public void Flush() => _stream.Flush();

    /// <summary>Ends the file; one without any packet still gets its global header (Ethernet), so it opens as an empty capture.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_linkType is null)
        {
            WriteGlobalHeader(PacketRecord.Ethernet);
        }

        _stream.Flush();
        if (_ownsStream)
        {
            _stream.Dispose();
        }
    }

    private void WriteGlobalHeader(uint linkType)
    {
        Span<byte> header = stackalloc byte[GlobalHeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], VersionMajor);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], VersionMinor);

        // Bytes 8-15: time zone offset and timestamp accuracy, both 0 as every writer sets them.
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], SnapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], linkType);
        _stream.Write(header);
        _linkType = linkType;
    }
}

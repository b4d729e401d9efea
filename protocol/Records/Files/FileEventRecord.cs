using System.Net;
using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Records.Files;

/// <summary>
/// File event, records 500 (file event) and 502 (the same block for a file found to be malware), reference
/// 11.10 and 11.18. One type holds the union of the fields of series-2 blocks 56 (file version 6) and 79
/// (version 7); <see cref="BlockType"/> picks the layout written. Block 56 lacks the two VRF names, which
/// block 79 appends after the HTTP response code (reference 5.6.4).
/// </summary>
public sealed record FileEventRecord : IVersionedRecord
{
    public const uint Block56 = 56;
    public const uint Block79 = 79;

    /// <summary>Block 56 with every string empty (reference 5.6.4).</summary>
    public const int Block56MinimumSize = 235;

    /// <summary>Block 79 with every string empty (reference 11.18).</summary>
    public const int Block79MinimumSize = 251;

    /// <summary>Record types that carry this block (reference 11.10).</summary>
    public static readonly IReadOnlyList<RecordType> RecordTypes = [RecordType.FileEvent, RecordType.FileMalwareEvent];

    private static readonly uint[] Blocks = [Block56, Block79];

    private readonly RecordType _recordType = RecordType.FileEvent;

    /// <summary>500 or 502; anything else is refused, since no other record carries this block.</summary>
    public RecordType RecordType
    {
        get => _recordType;
        init
        {
            if (value is not (RecordType.FileEvent or RecordType.FileMalwareEvent))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "a file event is record 500 or 502");
            }

            _recordType = value;
        }
    }

    public uint BlockType { get; init; } = Block79;

    public IReadOnlyList<uint> SupportedBlockTypes => Blocks;

    public uint DeviceId { get; init; }
    public ushort ConnectionInstanceId { get; init; }
    public ushort ConnectionCounter { get; init; }
    public uint ConnectionTimestamp { get; init; }
    public uint FileEventTimestamp { get; init; }
    public IPAddress SourceIp { get; init; } = IPAddress.IPv6Any;
    public IPAddress DestinationIp { get; init; } = IPAddress.IPv6Any;

    /// <summary>1 clean, 2 neutral/unknown, 3 malware, 4 cache miss, 5 no cloud response.</summary>
    public byte Disposition { get; init; }

    public byte SperoDisposition { get; init; }
    public byte FileStorageStatus { get; init; }
    public byte FileAnalysisStatus { get; init; }
    public byte LocalMalwareAnalysisStatus { get; init; }
    public byte ArchiveFileStatus { get; init; }
    public byte ThreatScore { get; init; }

    /// <summary>1 detect, 2 block, 3 malware cloud lookup, 4 malware block, 5 malware allow-list, 6 cloud lookup timeout.</summary>
    public byte Action { get; init; }

    /// <summary>Raw 32-byte SHA-256 of the file.</summary>
    public EquatableArray<byte> Sha256 { get; init; } = new byte[32];

    public uint FileTypeId { get; init; }
    public string FileName { get; init; } = string.Empty;
    public ulong FileSize { get; init; }

    /// <summary>1 download, 2 upload.</summary>
    public byte Direction { get; init; }

    public uint ApplicationProtocolId { get; init; }
    public uint UserId { get; init; }
    public string Uri { get; init; } = string.Empty;

    /// <summary>The detection name.</summary>
    public string Signature { get; init; } = string.Empty;

    public ushort SourcePort { get; init; }
    public ushort DestinationPort { get; init; }
    public byte IpProtocol { get; init; }
    public Guid AccessControlPolicyUuid { get; init; }
    public ushort SourceCountry { get; init; }
    public ushort DestinationCountry { get; init; }
    public uint WebApplicationId { get; init; }
    public uint ClientApplicationId { get; init; }
    /// <summary>The TLS, archive, HTTP and VRF fields this block shares with the other file-carrying blocks.</summary>
    public FileTransferDetails Transfer { get; init; } = FileTransferDetails.None;

    public IVersionedRecord WithBlockType(uint blockType)
    {
        BlockTypes.RequireOneOf(blockType, Blocks, "records 500 and 502");
        return this with { BlockType = blockType };
    }

    public void WriteBody(WireWriter writer) => WriteBody(writer, BlockType);

    /// <inheritdoc/>
    public void WriteBody(WireWriter writer, uint blockType)
    {
        BlockTypes.RequireOneOf(blockType, Blocks, "records 500 and 502");
        var block = writer.BeginBlock(blockType);
        writer.WriteUInt32(DeviceId);
        writer.WriteUInt16(ConnectionInstanceId);
        writer.WriteUInt16(ConnectionCounter);
        writer.WriteUInt32(ConnectionTimestamp);
        writer.WriteUInt32(FileEventTimestamp);
        writer.WriteIPv6(SourceIp);
        writer.WriteIPv6(DestinationIp);
        writer.WriteUInt8(Disposition);
        writer.WriteUInt8(SperoDisposition);
        writer.WriteUInt8(FileStorageStatus);
        writer.WriteUInt8(FileAnalysisStatus);
        writer.WriteUInt8(LocalMalwareAnalysisStatus);
        writer.WriteUInt8(ArchiveFileStatus);
        writer.WriteUInt8(ThreatScore);
        writer.WriteUInt8(Action);
        writer.WriteFixed(Sha256, 32, "SHA-256");
        writer.WriteUInt32(FileTypeId);
        writer.WriteStringBlock(FileName);
        writer.WriteUInt64(FileSize);
        writer.WriteUInt8(Direction);
        writer.WriteUInt32(ApplicationProtocolId);
        writer.WriteUInt32(UserId);
        writer.WriteStringBlock(Uri);
        writer.WriteStringBlock(Signature);
        writer.WriteUInt16(SourcePort);
        writer.WriteUInt16(DestinationPort);
        writer.WriteUInt8(IpProtocol);
        writer.WriteUuid(AccessControlPolicyUuid);
        writer.WriteUInt16(SourceCountry);
        writer.WriteUInt16(DestinationCountry);
        writer.WriteUInt32(WebApplicationId);
        writer.WriteUInt32(ClientApplicationId);
        Transfer.Write(writer, withVrfNames: blockType == Block79);
        writer.EndBlock(block);
    }

    internal static IRecord Read(RecordType recordType, ref WireReader reader)
    {
        // eNcore falls back to the block-56 layout for any other type (reference 5.6.4, 5.6.5); a decoder
        // that checks what an emulator sends is better served by refusing it.
        var r = reader.ReadBlock("file event block", Blocks, out var blockType);

        var record = new FileEventRecord
        {
            RecordType = recordType,
            BlockType = blockType,
            DeviceId = r.ReadUInt32("device ID"),
            ConnectionInstanceId = r.ReadUInt16("connection instance ID"),
            ConnectionCounter = r.ReadUInt16("connection counter"),
            ConnectionTimestamp = r.ReadUInt32("connection timestamp"),
            FileEventTimestamp = r.ReadUInt32("file event timestamp"),
            SourceIp = r.ReadIPv6("source IP"),
            DestinationIp = r.ReadIPv6("destination IP"),
            Disposition = r.ReadUInt8("disposition"),
            SperoDisposition = r.ReadUInt8("SPERO disposition"),
            FileStorageStatus = r.ReadUInt8("file storage status"),
            FileAnalysisStatus = r.ReadUInt8("file analysis status"),
            LocalMalwareAnalysisStatus = r.ReadUInt8("local malware analysis status"),
            ArchiveFileStatus = r.ReadUInt8("archive file status"),
            ThreatScore = r.ReadUInt8("threat score"),
            Action = r.ReadUInt8("action"),
            Sha256 = r.ReadFixed(32, "SHA-256"),
            FileTypeId = r.ReadUInt32("file type ID"),
            FileName = r.ReadStringBlock("file name"),
            FileSize = r.ReadUInt64("file size"),
            Direction = r.ReadUInt8("direction"),
            ApplicationProtocolId = r.ReadUInt32("application protocol ID"),
            UserId = r.ReadUInt32("user ID"),
            Uri = r.ReadStringBlock("URI"),
            Signature = r.ReadStringBlock("signature"),
            SourcePort = r.ReadUInt16("source port"),
            DestinationPort = r.ReadUInt16("destination port"),
            IpProtocol = r.ReadUInt8("IP protocol"),
            AccessControlPolicyUuid = r.ReadUuid("access-control policy UUID"),
            SourceCountry = r.ReadUInt16("source country"),
            DestinationCountry = r.ReadUInt16("destination country"),
            WebApplicationId = r.ReadUInt32("web application ID"),
            ClientApplicationId = r.ReadUInt32("client application ID"),
            Transfer = FileTransferDetails.Read(ref r, withVrfNames: blockType == Block79),
        };

        r.ExpectEnd("file event block");
        return record;
    }
}

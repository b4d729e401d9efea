using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Records.Metadata;

/// <summary>
/// The many metadata records whose body is ID–length–name with no block header (reference 9.6),
/// among them the managed device name, record 123, whose ID is the device ID events carry (11.4).
/// </summary>
public sealed record IdNameRecord(RecordType RecordType, uint Id, string Name) : IRecord
{
    /// <summary>Record types that use this body (reference 10.2).</summary>
    public static readonly IReadOnlyList<RecordType> RecordTypes =
    [
        RecordType.ClientApplicationMetadata,
        RecordType.CriticalityMetadata,
        RecordType.NetworkProtocolMetadata,
        RecordType.AttributeMetadata,
        RecordType.ScanTypeMetadata,
        RecordType.ServerMetadata,
        RecordType.SourceTypeMetadata,
        RecordType.SourceApplicationMetadata,
        RecordType.SourceDetectorMetadata,
        RecordType.WebApplicationMetadata,
        RecordType.AccessControlRuleAction,
        RecordType.UrlCategory,
        RecordType.UrlReputation,
        RecordType.ManagedDevice,
        RecordType.MalwareEventType,
        RecordType.MalwareEventSubtype,
        RecordType.DetectorType,
        RecordType.FileType,
        RecordType.SecurityIntelligenceSourceDestination,
        RecordType.Realm,
        RecordType.SecurityGroup,
        RecordType.NetmapDomain,
        RecordType.FileTypeMetadata,
        RecordType.FileStorage,
        RecordType.FileSandbox,
        RecordType.FileSpero,
        RecordType.FileArchive,
        RecordType.FileStaticAnalysis,
        RecordType.SslCipherSuite,
        RecordType.SslVersion,
        RecordType.SslServerCertificateStatus,
        RecordType.SslActualAction,
        RecordType.SslExpectedAction,
        RecordType.SslFlowStatus,
        RecordType.SslUrlCategory,
    ];

    public void WriteBody(WireWriter writer)
    {
        writer.WriteUInt32(Id);
        writer.WriteString32(Name);
    }

    internal static IRecord Read(RecordType recordType, ref WireReader reader) =>
        new IdNameRecord(recordType, reader.ReadUInt32("ID"), reader.ReadString32("name"));
}

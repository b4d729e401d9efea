using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Records.Connection;
using EStreamer.Protocol.Records.Correlation;
using EStreamer.Protocol.Records.Discovery;
using EStreamer.Protocol.Records.Files;
using EStreamer.Protocol.Records.Intrusion;
using EStreamer.Protocol.Records.Layouts;
using EStreamer.Protocol.Records.Metadata;
using EStreamer.Protocol.Records.Users;

namespace EStreamer.Protocol.Records;

/// <summary>
/// Which decoder reads which record type (reference 10). A type not listed decodes as an
/// <see cref="OpaqueRecord"/>; a listed one must account for every byte of its body.
/// </summary>
public static class RecordCatalog
{
    private static readonly Dictionary<RecordType, RecordBodyReader> Readers = Build();

    public static IReadOnlyCollection<RecordType> KnownTypes => Readers.Keys;

    public static bool IsKnown(RecordType recordType) => Readers.ContainsKey(recordType);

    public static IRecord ReadBody(RecordType recordType, ref WireReader reader)
    {
        if (!Readers.TryGetValue(recordType, out var read))
        {
            return new OpaqueRecord(recordType, reader.ReadFixed(reader.Remaining, "record body"));
        }

        var record = read(recordType, ref reader);
        reader.ExpectEnd($"record {(uint)recordType} body");
        return record;
    }

    private static Dictionary<RecordType, RecordBodyReader> Build()
    {
        var readers = new Dictionary<RecordType, RecordBodyReader>();

        // Intrusion family: events (also the legacy records 104/105), packets, extra data, impact alerts (reference 11.1, 11.6, 11.7, 11.14, 11.16).
        readers.Add(RecordType.PacketData, PacketRecord.Read);
        readers.Add(RecordType.IntrusionEvent, IntrusionEventRecord.Read);
        Register(readers, LegacyIntrusionEventRecord.RecordTypes, LegacyIntrusionEventRecord.Read);

        // Metadata (reference 10.2, 11.2–11.5).
        readers.Add(RecordType.RuleMessage, RuleMessageRecord.Read);
        readers.Add(RecordType.Classification, ClassificationRecord.Read);
        readers.Add(RecordType.Priority, PriorityRecord.Read);
        Register(readers, IdNameRecord.RecordTypes, IdNameRecord.Read);
        Register(readers, UuidNameRecord.RecordTypes, UuidNameRecord.Read);

        // Discovery records with a fixed tail after the discovery header (reference 11.15).
        Register(readers, HostNoticeRecord.RecordTypes, HostNoticeRecord.Read);
        Register(readers, HostValueRecord.RecordTypes, HostValueRecord.Read);
        Register(readers, MacAddressRecord.RecordTypes, MacAddressRecord.Read);
        readers.Add(RecordType.HostIpAddressChanged, HostIpChangedRecord.Read);

        // Files, malware, impact alerts and extra data (reference 11.7, 11.10, 11.11, 11.14, 11.18, 11.19).
        Register(readers, FileEventRecord.RecordTypes, FileEventRecord.Read);
        readers.Add(RecordType.MalwareEvent, MalwareEventRecord.Read);
        readers.Add(RecordType.IntrusionImpactAlert, ImpactAlertRecord.Read);
        readers.Add(RecordType.IntrusionExtraData, ExtraDataRecord.Read);
        readers.Add(RecordType.IntrusionExtraDataMetadata, ExtraDataTypeRecord.Read);

        // Connection and correlation (reference 11.9, 11.13, 11.17; legacy correlation blocks 52, 70, 84).
        readers.Add(RecordType.ConnectionStatistics, ConnectionStatisticsRecord.Read);
        readers.Add(RecordType.CorrelationEvent, CorrelationEventRecord.Read);
        Register(readers, LegacyCorrelationEventRecord.RecordTypes, LegacyCorrelationEventRecord.Read);

        // Users and remaining metadata (reference 11.5, 11.8, 11.12, 11.20).
        Register(readers, UserActivityRecord.RecordTypes, UserActivityRecord.Read);
        readers.Add(RecordType.User, UserRecord.Read);
        readers.Add(RecordType.AccessControlRule, AccessControlRuleRecord.Read);
        Register(readers, PolicyRecord.RecordTypes, PolicyRecord.Read);
        readers.Add(RecordType.Geolocation, GeolocationRecord.Read);

        // The broad catalogue of discovery, user-input and metadata records, declared field by field.
        foreach (var layout in RecordLayouts.All)
        {
            readers.Add(layout.RecordType, (RecordType _, ref WireReader reader) => new LayoutRecord(layout, LayoutCodec.Read(ref reader, layout.Fields, path: null)));
        }

        return readers;
    }

    private static void Register(Dictionary<RecordType, RecordBodyReader> readers, IEnumerable<RecordType> types, RecordBodyReader read)
    {
        foreach (var type in types)
        {
            readers.Add(type, read);
        }
    }
}

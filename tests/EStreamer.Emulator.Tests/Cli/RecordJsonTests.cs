using System.Net;
using System.Text.Json;
using EStreamer.Client;
using EStreamer.Emulator.Tests.Support;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Discovery;
using EStreamer.Protocol.Records.Metadata;

namespace EStreamer.Emulator.Tests.Cli;

public sealed class RecordJsonTests
{
    private static readonly Guid RuleUuid = Guid.Parse("b1000000-0000-4000-8000-000000000004");

    [Test]
    public void Event_data_is_one_line_with_the_envelope_first_and_fields_in_declaration_order()
    {
        var data = new EventData(new RuleMessageRecord(1, 1_000_001, 0, 31337, RuleUuid, Guid.Empty, "LOCAL <rule> + \"quoted\""), 0);

        Assert.That(RecordJson.Serialize(data), Is.EqualTo(
            """{"recordType":66,"recordTypeName":"RuleMessage","headerKind":"extended","archiveTimestamp":0,"record":{"generatorId":1,"ruleId":1000001,"ruleRevision":0,"renderedSignatureId":31337,"ruleUuid":"b1000000-0000-4000-8000-000000000004","ruleRevisionUuid":"00000000-0000-0000-0000-000000000000","message":"LOCAL <rule> + \"quoted\""}}"""));
    }

    [Test]
    public void Standard_header_has_no_archive_timestamp()
    {
        var json = RecordJson.Serialize(new EventData(new PriorityRecord(1, "high"), ExtendedHeader: false));

        Assert.That(json, Is.EqualTo("""{"recordType":4,"recordTypeName":"Priority","headerKind":"standard","archiveTimestamp":null,"record":{"priorityId":1,"name":"high"}}"""));
    }

    [Test]
    public void Discovery_header_is_a_nested_object_with_addresses_as_strings_and_bytes_as_hex()
    {
        var header = new DiscoveryHeader
        {
            DeviceId = 2,
            MacAddress = new byte[] { 0x00, 0x50, 0x56, 0xAB, 0xCD, 0xEF },
            HostIp = IPAddress.Parse("2001:db8::7"),
            EventType = DiscoveryEventType.ChangeEvent,
        };
        var record = new HostValueRecord(RecordType.HopsChange, header, 3);

        using var json = JsonDocument.Parse(RecordJson.Serialize(record));
        var root = json.RootElement;
        var nested = root.GetProperty("header");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(root.GetProperty("recordType").GetUInt32(), Is.EqualTo(22u));
            Assert.That(root.GetProperty("recordTypeName").GetString(), Is.EqualTo("HopsChange"));
            Assert.That(root.GetProperty("value").GetUInt32(), Is.EqualTo(3u));
            Assert.That(nested.GetProperty("macAddress").GetString(), Is.EqualTo("005056abcdef"));
            Assert.That(nested.GetProperty("hostIp").GetString(), Is.EqualTo("2001:db8::7"));
            Assert.That(nested.GetProperty("legacyIPv4").GetString(), Is.EqualTo("0.0.0.0"));
            Assert.That(nested.GetProperty("eventType").GetUInt32(), Is.EqualTo(DiscoveryEventType.ChangeEvent));
        }
    }

    [Test]
    public void Unknown_record_type_keeps_its_number_and_raw_body_and_says_why()
    {
        var data = new EventData(new OpaqueRecord((RecordType)9999, new byte[] { 0xDE, 0xAD }), 7);

        Assert.That(RecordJson.Serialize(data, "record 9999 body at offset 16: too short"), Is.EqualTo(
            """{"recordType":9999,"recordTypeName":null,"headerKind":"extended","archiveTimestamp":7,"decodeError":"record 9999 body at offset 16: too short","record":{"body":"dead"}}"""));
    }

    [Test]
    public void Every_record_the_built_in_traffic_makes_serializes_to_valid_json_the_same_way_twice()
    {
        var plan = BuiltInHistory.Of(seed: 3, events: 200).Compile(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        var records = plan.Events
            .SelectMany(planned => planned.Metadata.Append(planned.Record))
            .ToList();

        Assert.That(records.Select(r => r.RecordType).Distinct().Count(), Is.GreaterThan(10), "the sample covers many record types");
        foreach (var record in records)
        {
            var json = RecordJson.Serialize(new EventData(record, 1_800_000_000));
            using var parsed = JsonDocument.Parse(json);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(json, Does.Not.Contain("\n"));
                Assert.That(parsed.RootElement.GetProperty("recordType").GetUInt32(), Is.EqualTo((uint)record.RecordType));
                Assert.That(parsed.RootElement.GetProperty("record").EnumerateObject().Select(p => p.Name), Does.Not.Contain("supportedBlockTypes"));
                Assert.That(RecordJson.Serialize(new EventData(record, 1_800_000_000)), Is.EqualTo(json));
            }
        }
    }
}

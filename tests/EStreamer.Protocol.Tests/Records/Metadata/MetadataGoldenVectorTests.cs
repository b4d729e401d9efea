using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Metadata;

namespace EStreamer.Protocol.Tests.Records.Metadata;

/// <summary>
/// Metadata records (reference 10.2, 11.3–11.5, 9.6) against vectors written by hand from the reference
/// tables. Each vector is checked both ways: the encoder must produce it and the decoder must read it
/// back to the same fields.
/// </summary>
public sealed class MetadataGoldenVectorTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        // Reference 11.4: uint32 ID, uint16 length, name.
        yield return Case(
            "Priority (4)",
            new PriorityRecord(3, "low"),
            """
            00000003                      # 0 priority ID 3
            0003 6C6F77                   # 4 name length 3, 6 "low"
            """);

        // Reference 11.3.
        yield return Case(
            "Classification (67)",
            new ClassificationRecord(
                0x21,
                "trojan",
                "Trojan seen",
                Guid.Parse("c1000000-0000-0000-0000-000000000001"),
                Guid.Parse("c2000000-0000-0000-0000-000000000002")),
            """
            00000021                          # 0 classification ID 33
            0006 74726F6A616E                 # 4 name length 6, 6 "trojan"
            000B 54726F6A616E207365656E       # +0 description length 11, +2 "Trojan seen"
            C1000000000000000000000000000001  # +0 classification UUID, RFC 4122 order
            C2000000000000000000000000000002  # +16 revision UUID
            """);

        // Reference 9.6 and 11.4: the managed device name, whose ID is the device ID of events.
        yield return Case(
            "Managed device name (123)",
            new IdNameRecord(RecordType.ManagedDevice, 7, "ngfw1"),
            """
            00000007                      # 0 device ID 7
            00000005 6E67667731           # 4 name length 5, 8 "ngfw1"
            """);

        yield return Case(
            "Realm (300)",
            new IdNameRecord(RecordType.Realm, 0x0102, "AD"),
            "00000102 | 00000002 4144     # realm ID 258, length 2, \"AD\"");

        // Reference 11.5, series-2 block 14.
        yield return Case(
            "Security zone name (115)",
            new UuidNameRecord(RecordType.SecurityZoneName, Guid.Parse("d1d2d3d4-d5d6-d7d8-d9da-dbdcdddedfe0"), "dmz"),
            """
            0000000E 00000023                 # 0 block type 14, 4 block length 35
            D1D2D3D4D5D6D7D8D9DADBDCDDDEDFE0  # 8 zone UUID
            00000000 0000000B 646D7A          # 24 name "dmz"
            """);

        // Reference 11.5, series-2 block 15.
        yield return Case(
            "Access-control rule (119)",
            new AccessControlRuleRecord
            {
                PolicyRevisionUuid = Guid.Parse("11223344-5566-7788-9900-aabbccddeeff"),
                RuleId = 0x10000001,
                Name = "Allow web",
            },
            """
            0000000F 0000002D                 # 0 block type 15, 4 block length 45
            11223344556677889900AABBCCDDEEFF  # 8 policy revision UUID
            10000001                          # 24 rule ID
            00000000 00000011 416C6C6F7720776562  # 28 name "Allow web"
            """);

        // Reference 11.5, series-2 block 64, once per record type that uses it.
        yield return Case(
            "Access-control policy (145)",
            new PolicyRecord
            {
                RecordType = RecordType.AccessControlPolicy,
                PolicyUuid = Guid.Parse("a1b2c3d4-e5f6-0718-293a-4b5c6d7e8f90"),
                SensorId = 7,
                Name = "AC-Main",
            },
            PolicyVector("41432D4D61696E", "0F", "2B"));

        yield return Case(
            "Prefilter policy (146)",
            new PolicyRecord
            {
                RecordType = RecordType.PrefilterPolicy,
                PolicyUuid = Guid.Parse("a1b2c3d4-e5f6-0718-293a-4b5c6d7e8f90"),
                SensorId = 7,
                Name = "PF",
            },
            PolicyVector("5046", "0A", "26"));

        yield return Case(
            "Tunnel or prefilter rule (147)",
            new PolicyRecord
            {
                RecordType = RecordType.TunnelOrPrefilterRule,
                PolicyUuid = Guid.Parse("a1b2c3d4-e5f6-0718-293a-4b5c6d7e8f90"),
                SensorId = 7,
                Name = "GRE",
            },
            PolicyVector("475245", "0B", "27"));

        // Reference 11.5, series-2 block 28.
        yield return Case(
            "Geolocation (520)",
            new GeolocationRecord { CountryCode = 250, Name = "France" },
            """
            0000001C 00000018                 # 0 block type 28, 4 block length 24
            00FA                              # 8 country code 250
            00000000 0000000E 4672616E6365    # 10 country name "France"
            """);
    }

    [TestCaseSource(nameof(Cases))]
    public void Encoder_writes_the_golden_bytes(IRecord record, string hex)
    {
        Assert.That(Hex.Format(RecordCodec.WriteBody(record)), Is.EqualTo(Hex.Format(Hex.Parse(hex))));
    }

    [TestCaseSource(nameof(Cases))]
    public void Decoder_reads_the_golden_bytes_back(IRecord record, string hex)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(RecordCatalog.IsKnown(record.RecordType), Is.True);
            Assert.That(RecordCodec.ReadBody(record.RecordType, Hex.Parse(hex)), Is.EqualTo(record));
        }
    }

    private static IEnumerable<TestCaseData> EmptyNames()
    {
        // Block header 8 + fixed fields + empty string block 8 (reference 11.5).
        yield return new TestCaseData(new AccessControlRuleRecord(), 8 + 16 + 4 + 8).SetName("Access-control rule (119) is 36 bytes");
        yield return new TestCaseData(new PolicyRecord(), 8 + 16 + 4 + 8).SetName("Policy (145) is 36 bytes");
        yield return new TestCaseData(new GeolocationRecord(), 8 + 2 + 8).SetName("Geolocation (520) is 18 bytes");
    }

    [TestCaseSource(nameof(EmptyNames))]
    public void Empty_name_gives_the_minimum_size(IRecord record, int size)
    {
        Assert.That(RecordCodec.WriteBody(record), Has.Length.EqualTo(size));
    }

    private static IEnumerable<TestCaseData> WrongBlocks()
    {
        yield return new TestCaseData(RecordType.AccessControlRule, "access-control rule block", "expected 15").SetName("Record 119 refuses block 14");
        yield return new TestCaseData(RecordType.AccessControlPolicy, "policy block", "expected 64").SetName("Record 145 refuses block 14");
        yield return new TestCaseData(RecordType.Geolocation, "geolocation block", "expected 28").SetName("Record 520 refuses block 14");
    }

    [TestCaseSource(nameof(WrongBlocks))]
    public void Unknown_block_type_is_a_protocol_error_naming_the_field(RecordType recordType, string field, string reason)
    {
        // A well-formed UUID-name block 14, sent under the wrong record type.
        var bytes = Hex.Parse("0000000E 00000020 | D1D2D3D4D5D6D7D8D9DADBDCDDDEDFE0 | 00000000 00000008");
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(recordType, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo(field));
            Assert.That(error.Offset, Is.Zero);
            Assert.That(error.Reason, Does.Contain(reason));
        }
    }

    private static IEnumerable<TestCaseData> Truncations()
    {
        // Cut inside the name's string block: the outer block's length then overruns the record.
        yield return new TestCaseData(RecordType.AccessControlRule, "0000000F 0000002D 11223344556677889900AABBCCDDEEFF 10000001 00000000", "access-control rule block")
            .SetName("Truncated record 119");
        yield return new TestCaseData(RecordType.PrefilterPolicy, "00000040 00000026 A1B2C3D4E5F60718293A4B5C6D7E8F90 000000", "policy block")
            .SetName("Truncated record 146");
        yield return new TestCaseData(RecordType.Geolocation, "0000001C 00000018 00FA 00000000 0000000E 4672", "geolocation block")
            .SetName("Truncated record 520");

        // Outer block intact but too short for its own fields: the field that does not fit is named.
        yield return new TestCaseData(RecordType.Geolocation, "0000001C 00000009 00", "country code")
            .SetName("Record 520 block too short for its country code");
        yield return new TestCaseData(RecordType.Priority, "00000003 0003 6C6F", "priority name")
            .SetName("Truncated record 4");
        yield return new TestCaseData(RecordType.Classification, "00000021 0006 74726F6A616E 000B 5472", "classification description")
            .SetName("Truncated record 67");
        yield return new TestCaseData(RecordType.ManagedDevice, "00000007 00000005 6E6766", "name")
            .SetName("Truncated record 123");
        yield return new TestCaseData(RecordType.SecurityZoneName, "0000000E 00000023 D1D2D3D4", "UUID-name block")
            .SetName("Truncated record 115");
    }

    [TestCaseSource(nameof(Truncations))]
    public void Truncated_record_is_a_protocol_error_naming_the_field(RecordType recordType, string hex, string field)
    {
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(recordType, Hex.Parse(hex)));
        Assert.That(error!.Field, Is.EqualTo(field));
    }

    [Test]
    public void Policy_record_type_outside_145_to_147_is_refused()
    {
        Assert.That(() => new PolicyRecord { RecordType = RecordType.AccessControlPolicyNameLegacy }, Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    // Reference 11.5, block 64 with the name varied per record type.
    private static string PolicyVector(string nameHex, string stringLength, string blockLength) =>
        "00000040 000000" + blockLength + "         # 0 block type 64, 4 block length\n"
        + "A1B2C3D4E5F60718293A4B5C6D7E8F90  # 8 policy UUID\n"
        + "00000007                          # 24 sensor ID 7\n"
        + "00000000 000000" + stringLength + " " + nameHex + "  # 28 policy name\n";

    private static TestCaseData Case(string name, IRecord record, string hex) => new TestCaseData(record, hex).SetName(name);
}

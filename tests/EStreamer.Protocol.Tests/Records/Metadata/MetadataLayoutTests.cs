using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Layouts;
using EStreamer.Protocol.Records.Metadata;

namespace EStreamer.Protocol.Tests.Records.Metadata;

/// <summary>
/// The declared metadata layouts (reference 10.2) against vectors written by hand from the layout tables, with
/// a distinct value in every field: the encoder must produce each vector and the decoder must read every value
/// back.
/// </summary>
public sealed class MetadataLayoutTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        yield return Case(
            MetadataLayouts.OsFingerprint,
            new FieldValues()
                .Set("fingerprint-uuid", Guid.Parse("54000000-0000-0000-0000-000000000001"))
                .Set("name", "Linux").Set("vendor", "Acme").Set("version", "6.1"),
            """
            54000000000000000000000000000001  # 0 fingerprint UUID
            00000005 4C696E7578               # 16 name length 5, 20 "Linux"
            00000004 41636D65                 # 25 vendor length 4, 29 "Acme"
            00000003 362E31                   # 33 version length 3, 37 "6.1"
            """);

        yield return Case(
            MetadataLayouts.Vulnerability,
            new FieldValues()
                .Set("vulnerability-id", 0x5701UL).Set("impact", 3UL).Set("exploits", 1UL).Set("remote", 2UL)
                .Set("entry-date", "e1").Set("published-date", "p2").Set("modified-date", "m3").Set("title", "t4")
                .Set("short-description", "s5").Set("description", "d6").Set("technical-description", "x7").Set("solution", "o8"),
            """
            00005701 00000003                 # 0 vulnerability ID, 4 impact
            01 02                             # 8 exploits, 9 remote
            00000002 6531                     # 10 entry date "e1"
            00000002 7032                     # 16 published date "p2"
            00000002 6D33                     # 22 modified date "m3"
            00000002 7434                     # 28 title "t4"
            00000002 7335                     # 34 short description "s5"
            00000002 6436                     # 40 description "d6"
            00000002 7837                     # 46 technical description "x7"
            00000002 6F38                     # 52 solution "o8"
            """);

        yield return Case(
            MetadataLayouts.SystemUser,
            new FieldValues().Set("user", new FieldValues().Set("user-id", 0x0A62UL).Set("protocol", 710UL).Set("name", "root")),
            """
            00000039 0000001C                 # 0 series-2 block 57, length 28
            00000A62 000002C6                 # 8 user ID, 12 protocol 710
            00000000 0000000C 726F6F74        # 16 name "root"
            """);

        yield return Case(
            MetadataLayouts.CorrelationPolicy,
            new FieldValues()
                .Set("id", 0x45UL).Set("name", "pol").Set("description", "desc")
                .Set("uuid", Guid.Parse("69000000-0000-0000-0000-000000000001"))
                .Set("revision-uuid", Guid.Parse("69000000-0000-0000-0000-000000000002")),
            """
            00000045                          # 0 policy ID
            0003 706F6C                       # 4 name length 3, 6 "pol"
            0004 64657363                     # 9 description length 4, 11 "desc"
            69000000000000000000000000000001  # 15 policy UUID
            69000000000000000000000000000002  # 31 revision UUID
            """);

        yield return Case(
            MetadataLayouts.CorrelationRule,
            new FieldValues()
                .Set("id", 0x46UL).Set("name", "rule").Set("description", "why").Set("event-type", "evt")
                .Set("uuid", Guid.Parse("70000000-0000-0000-0000-000000000001"))
                .Set("revision-uuid", Guid.Parse("70000000-0000-0000-0000-000000000002"))
                .Set("whitelist-uuid", Guid.Parse("70000000-0000-0000-0000-000000000003")),
            """
            00000046                          # 0 rule ID
            0004 72756C65                     # 4 name "rule"
            0003 776879                       # 10 description "why"
            0003 657674                       # 15 event type "evt"
            70000000000000000000000000000001  # 20 rule UUID
            70000000000000000000000000000002  # 36 revision UUID
            70000000000000000000000000000003  # 52 whitelist UUID
            """);

        yield return Case(
            MetadataLayouts.ThirdPartyScannerVulnerability,
            new FieldValues()
                .Set("vulnerability-id", 0x6A01UL).Set("scanner-type", 2UL)
                .Set("title", "T").Set("description", "D").Set("cve-id", "CVE-1").Set("bugtraq-id", "B9"),
            """
            00006A01 00000002                 # 0 vulnerability ID, 4 scanner type
            00000001 54                       # 8 title "T"
            00000001 44                       # 13 description "D"
            00000005 4356452D31               # 18 CVE ID "CVE-1"
            00000002 4239                     # 27 BugTraq ID "B9"
            """);

        yield return Case(
            MetadataLayouts.AccessControlRuleReason,
            new FieldValues().Set("reason", new FieldValues().Set("reason-id", 0x7CUL).Set("description", "blocked")),
            """
            0000003B 0000001B                 # 0 series-2 block 59, length 27
            0000007C                          # 8 reason ID
            00000000 0000000F 626C6F636B6564  # 12 description "blocked"
            """);

        yield return Case(
            MetadataLayouts.SecurityContextName,
            new FieldValues().Set("uuid", Guid.Parse("13200000-0000-0000-0000-000000000001")).Set("name", "ctx"),
            """
            13200000000000000000000000000001  # 0 security context UUID
            00000000 0000000B 637478          # 16 name "ctx"
            """);

        yield return Case(
            MetadataLayouts.RuleDocumentation,
            new FieldValues().Set("documentation", new FieldValues()
                .Set("signature-id", 1000UL).Set("generator-id", 1UL).Set("revision", 3UL)
                .Set("summary", "a").Set("impact", "b").Set("detail", "c").Set("affected-systems", "d")
                .Set("attack-scenarios", "e").Set("ease-of-attack", "f").Set("false-positives", "g").Set("false-negatives", "h")
                .Set("corrective-action", "i").Set("contributors", "j").Set("additional-references", "k")),
            """
            0000001B 00000077                 # 0 series-2 block 27, length 119
            000003E8 00000001 00000003        # 8 signature ID 1000, 12 generator ID 1, 16 revision 3
            00000000 00000009 61              # 20 summary "a"
            00000000 00000009 62              # 29 impact "b"
            00000000 00000009 63              # 38 detail "c"
            00000000 00000009 64              # 47 affected systems "d"
            00000000 00000009 65              # 56 attack scenarios "e"
            00000000 00000009 66              # 65 ease of attack "f"
            00000000 00000009 67              # 74 false positives "g"
            00000000 00000009 68              # 83 false negatives "h"
            00000000 00000009 69              # 92 corrective action "i"
            00000000 00000009 6A              # 101 contributors "j"
            00000000 00000009 6B              # 110 additional references "k"
            """);

        yield return Case(
            MetadataLayouts.IocName,
            new FieldValues().Set("ioc", new FieldValues().Set("ioc-id", 0xA1UL).Set("category", "Malware").Set("event-type", "Dropper")),
            """
            00000027 0000002A                 # 0 series-2 block 39, length 42
            000000A1                          # 8 IOC ID
            00000000 0000000F 4D616C77617265  # 12 category "Malware"
            00000000 0000000F 44726F70706572  # 27 event type "Dropper"
            """);

        yield return Case(
            MetadataLayouts.IcmpType,
            new FieldValues().Set("icmp-type", new FieldValues().Set("type", 8UL).Set("protocol", 1UL).Set("description", "Echo")),
            """
            00000013 00000018                 # 0 series-2 block 19, length 24
            0008 0001                         # 8 type 8, 10 protocol 1
            00000000 0000000C 4563686F        # 12 description "Echo"
            """);

        yield return Case(
            MetadataLayouts.IcmpCode,
            new FieldValues().Set("icmp-code", new FieldValues().Set("code", 1UL).Set("type", 5UL).Set("protocol", 58UL).Set("description", "Host")),
            """
            00000014 0000001A                 # 0 series-2 block 20, length 26
            0001 0005 003A                    # 8 code 1, 10 type 5, 12 protocol 58
            00000000 0000000C 486F7374        # 14 description "Host"
            """);

        yield return Case(
            MetadataLayouts.SecurityIntelligenceCategory,
            new FieldValues().Set("category", new FieldValues()
                .Set("category-id", 0x118UL)
                .Set("access-control-policy-uuid", Guid.Parse("28000000-0000-0000-0000-000000000001"))
                .Set("name", "Bots")),
            """
            00000016 00000028                 # 0 series-2 block 22, length 40
            00000118                          # 8 list ID
            28000000000000000000000000000001  # 12 access-control policy UUID
            00000000 0000000C 426F7473        # 28 list name "Bots"
            """);

        yield return Case(
            MetadataLayouts.SecurityIntelligenceCategoryGeneral,
            new FieldValues().Set("uuid", Guid.Parse("28200000-0000-0000-0000-000000000002")).Set("name", "CnC"),
            """
            28200000000000000000000000000002  # 0 category UUID
            00000000 0000000B 436E43          # 16 name "CnC"
            """);

        yield return Case(
            MetadataLayouts.EndpointProfile,
            new FieldValues().Set("profile", new FieldValues().Set("profile-id", 0x12DUL).Set("profile-name", "ios").Set("full-name", "Apple iOS")),
            """
            0000003A 00000028                 # 0 series-2 block 58, length 40
            0000012D                          # 8 profile ID
            00000000 0000000B 696F73          # 12 profile name "ios"
            00000000 00000011 4170706C6520694F53  # 23 full name "Apple iOS"
            """);

        // 320 and 321 share block 61; one vector serves both.
        foreach (var layout in new[] { MetadataLayouts.DnsRecordType, MetadataLayouts.DnsResponseType })
        {
            yield return Case(
                layout,
                new FieldValues().Set("dns", new FieldValues().Set("id", 28UL).Set("name", "AAAA").Set("description", "IPv6 address")),
                """
                0000003D 0000002C                 # 0 series-2 block 61, length 44
                0000001C                          # 8 ID 28
                00000000 0000000C 41414141        # 12 name "AAAA"
                00000000 00000014 4950763620616464726573 73  # 24 description "IPv6 address"
                """);
        }

        yield return Case(
            MetadataLayouts.FileSha,
            new FieldValues().Set("file", new FieldValues()
                .Set("sha256", Enumerable.Range(0, 32).Select(i => (byte)i).ToArray())
                .Set("file-name", "a.exe").Set("disposition", 2UL).Set("user-defined", 1UL)),
            """
            00000028 00000037                 # 0 series-2 block 40, length 55
            000102030405060708090A0B0C0D0E0F  # 8 SHA-256
            101112131415161718191A1B1C1D1E1F
            00000000 0000000D 612E657865      # 40 file name "a.exe"
            02 01                             # 53 disposition, 54 user defined
            """);

        // 530 and 700 share the UUID-name block; one vector serves both.
        foreach (var layout in new[] { MetadataLayouts.FilePolicyName, MetadataLayouts.NetworkAnalysisPolicy })
        {
            yield return Case(
                layout,
                new FieldValues().Set("policy", new FieldValues().Set("uuid", Guid.Parse("53000000-0000-0000-0000-000000000001")).Set("name", "Files")),
                """
                0000000E 00000025                 # 0 block 14, length 37
                53000000000000000000000000000001  # 8 policy UUID
                00000000 0000000D 46696C6573      # 24 name "Files"
                """);
        }

        yield return Case(
            MetadataLayouts.SslPolicy,
            new FieldValues().Set("uuid", Guid.Parse("60000000-0000-0000-0000-000000000001")).Set("name", "TLS"),
            """
            60000000000000000000000000000001  # 0 SSL policy UUID
            00000000 0000000B 544C53          # 16 name "TLS"
            """);

        yield return Case(
            MetadataLayouts.SslRule,
            new FieldValues()
                .Set("revision-uuid", Guid.Parse("60100000-0000-0000-0000-000000000002"))
                .Set("rule-id", 0x259UL).Set("name", "Decrypt"),
            """
            60100000000000000000000000000002  # 0 revision
            00000259                          # 16 rule ID
            00000000 0000000F 44656372797074  # 20 name "Decrypt"
            """);

        yield return Case(
            MetadataLayouts.SslCertificateDetails,
            new FieldValues().Set("certificate", new FieldValues()
                .Set("fingerprint-sha1", Enumerable.Range(0xA0, 20).Select(i => (byte)i).ToArray())
                .Set("public-key-sha1", Enumerable.Range(0xC0, 20).Select(i => (byte)i).ToArray())
                .Set("serial-number", Enumerable.Range(0xE0, 20).Select(i => (byte)i).ToArray())
                .Set("serial-number-length", 16UL)
                .Set("subject-common-name", "A").Set("subject-organization", "B").Set("subject-organizational-unit", "C").Set("subject-country", "D")
                .Set("issuer-common-name", "E").Set("issuer-organization", "F").Set("issuer-organizational-unit", "G").Set("issuer-country", "H")
                .Set("valid-start-date", 0x5F000000UL).Set("valid-finish-date", 0x6F000000UL)),
            """
            00000032 00000098                          # 0 series-2 block 50, length 152
            A0A1A2A3A4A5A6A7A8A9AAABACADAEAFB0B1B2B3   # 8 certificate fingerprint (SHA-1)
            C0C1C2C3C4C5C6C7C8C9CACBCCCDCECFD0D1D2D3   # 28 public key SHA-1
            E0E1E2E3E4E5E6E7E8E9EAEBECEDEEEFF0F1F2F3   # 48 serial number
            00000010                                   # 68 serial number length 16
            00000000 00000009 41                       # 72 subject common name "A"
            00000000 00000009 42                       # 81 subject organization "B"
            00000000 00000009 43                       # 90 subject organizational unit "C"
            00000000 00000009 44                       # 99 subject country "D"
            00000000 00000009 45                       # 108 issuer common name "E"
            00000000 00000009 46                       # 117 issuer organization "F"
            00000000 00000009 47                       # 126 issuer organizational unit "G"
            00000000 00000009 48                       # 135 issuer country "H"
            5F000000 6F000000                          # 144 valid from, 148 valid until
            """);
    }

    [TestCaseSource(nameof(Cases))]
    public void Encoder_writes_the_golden_bytes(RecordLayout layout, FieldValues values, string hex)
    {
        var bytes = RecordCodec.WriteBody(new LayoutRecord(layout, values));
        Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Hex.Parse(hex))));
    }

    [TestCaseSource(nameof(Cases))]
    public void Decoder_reads_every_value_back(RecordLayout layout, FieldValues values, string hex)
    {
        var decoded = RecordCodec.ReadBody(layout.RecordType, Hex.Parse(hex));

        Assert.That(decoded, Is.TypeOf<LayoutRecord>());
        AssertSameValues(((LayoutRecord)decoded).Values, values, layout.Name);
    }

    [Test]
    public void Every_declared_metadata_layout_has_a_vector()
    {
        var covered = Cases().Select(c => ((RecordLayout)c.Arguments[0]!).RecordType);
        Assert.That(covered, Is.EquivalentTo(MetadataLayouts.All.Select(l => l.RecordType)));
    }

    // Reference 9.6: uint32 ID, uint32 name length, name; one of the record types added with the SSL family.
    [Test]
    public void Ssl_cipher_suite_is_an_id_length_name_record()
    {
        var record = new IdNameRecord(RecordType.SslCipherSuite, 0xC02F, "ECDHE");
        var hex = """
            0000C02F                      # 0 cipher suite ID
            00000005 4543444845           # 4 name length 5, 8 "ECDHE"
            """;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Hex.Format(RecordCodec.WriteBody(record)), Is.EqualTo(Hex.Format(Hex.Parse(hex))));
            Assert.That(RecordCodec.ReadBody(RecordType.SslCipherSuite, Hex.Parse(hex)), Is.EqualTo(record));
        }
    }

    private static IEnumerable<TestCaseData> IdNameTypes() =>
        IdNameRecord.RecordTypes.Select(type => new TestCaseData(type).SetName($"ID-length-name record {(uint)type} round-trips"));

    [TestCaseSource(nameof(IdNameTypes))]
    public void Every_id_length_name_type_round_trips(RecordType type)
    {
        var record = new IdNameRecord(type, 0x01020304, "name-" + (uint)type);

        var bytes = RecordCodec.WriteBody(record);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(bytes, Has.Length.EqualTo(8 + record.Name.Length));
            Assert.That(RecordCodec.ReadBody(type, bytes), Is.EqualTo(record));
        }
    }

    /// <summary>
    /// Metadata record types of eNcore 5.2's record table (its own variant keys left out): each must decode
    /// to a typed record, not an opaque one.
    /// </summary>
    [Test]
    public void Every_metadata_type_that_encore_defines_is_known()
    {
        uint[] metadata =
        [
            4, 54, 55, 57, 58, 59, 60, 61, 62, 63, 66, 67, 69, 70, 90, 91, 96, 98, 106, 109, 111, 115, 116, 117, 118, 119,
            120, 121, 122, 123, 124, 127, 128, 129, 130, 131, 132, 140, 145, 146, 147, 161, 260, 270, 280, 281, 282, 300,
            301, 302, 320, 321, 322, 350, 510, 511, 515, 516, 517, 518, 519, 520, 530, 600, 601, 602, 604, 605, 606, 607,
            608, 613, 614, 700,
        ];

        Assert.That(metadata.Where(type => !RecordCatalog.IsKnown((RecordType)type)), Is.Empty);
    }

    private static void AssertSameValues(FieldValues actual, FieldValues expected, string path)
    {
        Assert.That(actual.Keys, Is.EquivalentTo(expected.Keys), $"{path}: fields");
        foreach (var (name, value) in expected)
        {
            var got = actual[name];
            switch (value)
            {
                case FieldValues nested:
                    AssertSameValues((FieldValues)got, nested, $"{path}.{name}");
                    break;
                case byte[] bytes:
                    Assert.That((byte[])got, Is.EqualTo(bytes), $"{path}.{name}");
                    break;
                default:
                    Assert.That(got, Is.EqualTo(value), $"{path}.{name}");
                    break;
            }
        }
    }

    private static TestCaseData Case(RecordLayout layout, FieldValues values, string hex) =>
        new TestCaseData(layout, values, hex).SetName($"{layout.Name} ({(uint)layout.RecordType})");
}

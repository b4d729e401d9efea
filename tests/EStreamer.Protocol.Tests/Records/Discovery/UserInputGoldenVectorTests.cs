using System.Net;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Discovery;
using EStreamer.Protocol.Records.Layouts;

namespace EStreamer.Protocol.Tests.Records.Discovery;

/// <summary>
/// User-input records 74–89 and the third-party scanner vulnerability record 106 against vectors written
/// by hand from the block tables: every field holds a distinct value and every list one item. Records that
/// share a layout share its vector. Offsets in the comments are relative to the enclosing block's body.
/// </summary>
public sealed class UserInputGoldenVectorTests
{
    // Block 141 in a one-item list: 192.0.2.10 to 2001:db8::ff.
    private const string IpRangeList = """
        0000000B 00000030                     # list block 11, length 48
        0000008D 00000028                     #   block 141, length 40
        00000000000000000000FFFFC000020A      #   range start ::ffff:192.0.2.10
        20010DB80000000000000000000000FF      #   range end 2001:db8::ff
        """;

    // Block 63 in a one-item list: 02:00:5e:10:20:30.
    private const string MacList = """
        0000000B 00000016                     # list block 11, length 22
        0000003F 0000000E 02005E102030        #   block 63, length 14, MAC address
        """;

    private const string UserProductVector = """
        00000086 00000101                     # block 134, length 257
        00000011 00000002                     # 0 source ID 17, 4 source type 2 (scanner)
        """ + "\n" + IpRangeList + "\n" + """
                                              # 8 IP ranges (48 bytes)
        01BB 0006                             # 56 port 443, protocol 6
        00000001                              # 60 drop user product
        00000000 0000000C 41636D65            # 64 vendor "Acme"
        00000000 0000000B 576562              # 76 product "Web"
        00000000 0000000B 322E34              # 87 version "2.4"
        00000101 00000202 00000303 00000404   # 98 software, server, vendor, product IDs
        00000000 00000009 35                  # 114 major version "5"
        00000000 00000009 36                  # 123 minor version "6"
        00000000 00000009 37                  # 132 revision "7"
        00000000 00000009 38                  # 141 to major version "8"
        00000000 00000009 39                  # 150 to minor version "9"
        00000000 00000009 61                  # 159 to revision "a"
        00000000 0000000A 6231                # 168 build "b1"
        00000000 0000000A 7032                # 178 patch "p2"
        00000000 0000000A 7833                # 188 extension "x3"
        0A1B2C3D4E5F60718293A4B5C6D7E8F9      # 198 OS UUID
        00000000 0000000D 506978656C          # 214 device string "Pixel"
        01 02                                 # 227 mobile, 228 jailbroken (distinct so a swap shows)
        0000000B 00000014                     # 229 fixes: list block 11, length 20
        00000043 0000000C 00000C0D            #   block 67, length 12, fix ID 3085
        """;

    private static FieldValues IpRange() =>
        new FieldValues().Set("range-start", IPAddress.Parse("192.0.2.10")).Set("range-end", IPAddress.Parse("2001:db8::ff"));

    private static FieldValues Mac() => new FieldValues().Set("mac-address", new byte[] { 0x02, 0x00, 0x5E, 0x10, 0x20, 0x30 });

    private static List<FieldValues> One(FieldValues item) => [item];

    private static FieldValues UserProduct() => new FieldValues()
        .Set("source-id", 17UL).Set("source-type", 2UL).Set("ip-ranges", One(IpRange()))
        .Set("port", 443UL).Set("protocol", 6UL).Set("drop-user-product", 1UL)
        .Set("vendor", "Acme").Set("product", "Web").Set("version", "2.4")
        .Set("software-id", 0x101UL).Set("server-id", 0x202UL).Set("vendor-id", 0x303UL).Set("product-id", 0x404UL)
        .Set("major-version", "5").Set("minor-version", "6").Set("revision", "7")
        .Set("to-major-version", "8").Set("to-minor-version", "9").Set("to-revision", "a")
        .Set("build", "b1").Set("patch", "p2").Set("extension", "x3")
        .Set("os-uuid", Guid.Parse("0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9")).Set("device-string", "Pixel")
        .Set("mobile", 1UL).Set("jailbroken", 2UL).Set("fixes", One(new FieldValues().Set("fix-id", 0xC0DUL)));

    private static IEnumerable<TestCaseData> Cases()
    {
        foreach (var type in new[] { RecordType.UserSetOs, RecordType.UserSetServer, RecordType.UserAddServer })
        {
            yield return Case(type, "user-product", UserProduct(), UserProductVector, 56 + 257);
        }

        var protocols = new FieldValues()
            .Set("source-type", 1UL).Set("source-id", 0x22UL)
            .Set("protocols", One(new FieldValues()
                .Set("ip-ranges", One(IpRange())).Set("mac-addresses", One(Mac())).Set("protocol-type", 1UL).Set("protocol", 17UL)));
        const string ProtocolsVector = """
            00000053 00000069                 # block 83, length 105
            00000001 00000022                 # 0 source type 1 (user), 4 source ID 34
            0000000B 00000059                 # 8 protocols: list block 11, length 89
            00000039 00000051                 #   block 57, length 81
            """ + "\n" + IpRangeList + "\n" + MacList + "\n" + """
                                              #   +8 IP ranges (48), +56 MAC addresses (22)
            01 0011                           #   +78 protocol type 1 (transport), +79 protocol 17
            """;
        foreach (var type in new[] { RecordType.UserDeleteProtocol, RecordType.UserAddProtocol })
        {
            yield return Case(type, "user-protocol-list", protocols, ProtocolsVector, 56 + 105);
        }

        var clients = new FieldValues()
            .Set("source-type", 3UL).Set("source-id", 0x33UL)
            .Set("client-applications", One(new FieldValues()
                .Set("ip-ranges", One(IpRange())).Set("application-protocol-id", 0x50UL).Set("client-application-id", 0xA0BUL)
                .Set("version", "1.0").Set("payload-type", 7UL).Set("web-application-id", 0xE0FUL)));
        const string ClientsVector = """
            0000003C 0000006B                 # block 60, length 107
            00000003 00000033                 # 0 source type 3 (import tool), 4 source ID 51
            0000000B 0000005B                 # 8 client applications: list block 11, length 91
            0000008A 00000053                 #   block 138, length 83
            """ + "\n" + IpRangeList + "\n" + """
                                              #   +8 IP ranges (48)
            00000050 00000A0B                 #   +56 application protocol ID, +60 client application ID
            00000000 0000000B 312E30          #   +64 version "1.0"
            00000007 00000E0F                 #   +75 payload type, +79 web application ID
            """;
        foreach (var type in new[] { RecordType.UserDeleteClientApplication, RecordType.UserAddClientApplication })
        {
            yield return Case(type, "user-client-application-list", clients, ClientsVector, 56 + 107);
        }

        var hosts = new FieldValues()
            .Set("ip-ranges", One(IpRange())).Set("mac-addresses", One(Mac())).Set("source-id", 0x44UL).Set("source-type", 1UL);
        const string HostsVector = """
            0000004E 00000056                 # block 78, length 86
            """ + "\n" + IpRangeList + "\n" + MacList + "\n" + """
                                              # 0 IP ranges (48), 48 MAC addresses (22)
            00000044 00000001                 # 70 source ID 68, 74 source type 1
            """;
        foreach (var type in new[] { RecordType.UserDeleteAddress, RecordType.UserAddHost })
        {
            yield return Case(type, "user-hosts", hosts, HostsVector, 56 + 86);
        }

        yield return Case(
            RecordType.UserDeleteServer,
            "user-server-list",
            new FieldValues()
                .Set("source-id", 0x55UL).Set("source-type", 2UL)
                .Set("servers", One(new FieldValues().Set("ip-ranges", One(IpRange())).Set("port", 22UL).Set("protocol", 6UL))),
            """
            0000004D 00000054                 # block 77, length 84
            00000055 00000002                 # 0 source ID 85, 4 source type 2
            0000000B 00000044                 # 8 servers: list block 11, length 68
            0000004C 0000003C                 #   block 76, length 60
            """ + "\n" + IpRangeList + "\n" + """
                                              #   +8 IP ranges (48)
            0016 0006                         #   +56 port 22, +58 protocol 6
            """,
            56 + 84);

        var vulnerabilities = new FieldValues()
            .Set("source-type", 1UL).Set("source-id", 0x66UL).Set("type", 9UL)
            .Set("vulnerabilities", One(new FieldValues()
                .Set("ip-ranges", One(IpRange())).Set("port", 80UL).Set("protocol", 6UL).Set("vulnerability-id", 8000UL)
                .Set("third-party-vulnerability-uuid", Guid.Parse("f0e1d2c3-b4a5-9687-7869-5a4b3c2d1e0f"))
                .Set("vulnerability-name", "Heap overflow").Set("client-application-id", 0xA0CUL)
                .Set("application-protocol-id", 0x51UL).Set("version", "3.1")));
        const string VulnerabilitiesVector = """
            00000050 00000094                 # block 80, length 148
            00000001 00000066 00000009        # 0 source type 1, 4 source ID 102, 8 type 9 (eNcore only)
            0000000B 00000080                 # 12 vulnerabilities: list block 11, length 128
            0000007C 00000078                 #   block 124, length 120
            """ + "\n" + IpRangeList + "\n" + """
                                              #   +8 IP ranges (48)
            0050 0006 00001F40                #   +56 port 80, +58 protocol 6, +60 vulnerability ID 8000
            F0E1D2C3B4A5968778695A4B3C2D1E0F  #   +64 third-party vulnerability UUID
            00000000 00000015 48656170206F766572666C6F77  # +80 vulnerability name "Heap overflow"
            00000A0C 00000051                 #   +101 client application ID, +105 application protocol ID
            00000000 0000000B 332E31          #   +109 version "3.1"
            """;
        foreach (var type in new[] { RecordType.UserSetValidVulnerabilities, RecordType.UserSetInvalidVulnerabilities })
        {
            yield return Case(type, "user-vulnerability-change", vulnerabilities, VulnerabilitiesVector, 56 + 148);
        }

        yield return Case(
            RecordType.UserSetCriticality,
            "user-criticality",
            new FieldValues().Set("ip-ranges", One(IpRange())).Set("source-id", 0x77UL).Set("source-type", 1UL).Set("criticality", 4UL),
            """
            00000051 00000044                 # block 81, length 68
            """ + "\n" + IpRangeList + "\n" + """
                                              # 0 IP ranges (48)
            00000077 00000001 00000004        # 48 source ID 119, 52 source type 1, 56 criticality 4
            """,
            56 + 68);

        var attribute = new FieldValues()
            .Set("ip-ranges", One(IpRange())).Set("source-id", 0x88UL).Set("source-type", 2UL).Set("attribute-id", 0x99UL)
            .Set("value", new byte[] { 0xDE, 0xAD, 0xBE, 0xEF });
        const string AttributeVector = """
            00000052 00000050                 # block 82, length 80
            """ + "\n" + IpRangeList + "\n" + """
                                              # 0 IP ranges (48)
            00000088 00000002 00000099        # 48 source ID 136, 52 source type 2, 56 attribute ID 153
            0000000A 0000000C DEADBEEF        # 60 value: BLOB block 10, length 12
            """;
        foreach (var type in new[] { RecordType.UserSetAttributeValue, RecordType.UserDeleteAttributeValue })
        {
            yield return Case(type, "user-attribute-value", attribute, AttributeVector, 56 + 80);
        }

        yield return Case(
            RecordType.UserAddScanResult,
            "scan-result",
            new FieldValues()
                .Set("user-id", 1000UL).Set("scan-type", 2UL).Set("ip-address", IPAddress.Parse("2001:db8::42"))
                .Set("port", 53UL).Set("protocol", 17UL).Set("flag", 5UL)
                .Set("vulnerabilities", One(new FieldValues()
                    .Set("port", 135UL).Set("protocol", 6UL).Set("id", "Q-1").Set("name", "Weak DNS").Set("description", "Open resolver")
                    .Set("name-clean", "weak dns").Set("description-clean", "open resolver")
                    .Set("bugtraq-ids", One(new FieldValues().Set("value", 50000UL)))
                    .Set("cve-ids", One(new FieldValues().Set("value", "CVE-2008-1447")))))
                .Set("scan-results", One(new FieldValues()
                    .Set("port", 25UL).Set("protocol", 6UL).Set("sub-server", "smtp").Set("value", "Postfix")
                    .Set("sub-server-unformatted", "SMTP").Set("value-unformatted", "postfix 3")))
                .Set("user-products", One(UserProduct())),
            """
            0000008E 0000021D                 # block 142, length 541
            000003E8 00000002                 # 0 user ID 1000, 4 scan type 2
            20010DB8000000000000000000000042  # 8 IP address 2001:db8::42
            0035 0011 0005                    # 24 port 53, 26 protocol 17, 28 flag
            0000000B 000000A2                 # 30 vulnerabilities: list block 11, length 162
            0000006D 0000009A                 #   block 109, length 154
            0087 0006                         #   +8 port 135, +10 protocol 6
            00000000 0000000B 512D31          #   +12 ID "Q-1"
            00000000 00000010 5765616B20444E53            # +23 name "Weak DNS"
            00000000 00000015 4F70656E207265736F6C766572  # +39 description "Open resolver"
            00000000 00000010 7765616B20646E73            # +60 name clean "weak dns"
            00000000 00000015 6F70656E207265736F6C766572  # +76 description clean "open resolver"
            0000000B 00000014 00000007 0000000C 0000C350  # +97 Bugtraq IDs: list, block 7, 50000
            0000000B 00000025 00000023 0000001D           # +117 CVE IDs: list (37), block 35 (29)
            00000000 00000015 4356452D323030382D31343437  #   string "CVE-2008-1447"
            0000000B 0000004C                 # 192 scan results: list block 11, length 76
            0000006C 00000044                 #   block 108, length 68
            0019 0006                         #   +8 port 25, +10 protocol 6
            00000000 0000000C 736D7470        #   +12 sub-server "smtp"
            00000000 0000000F 506F7374666978  #   +24 value "Postfix"
            00000000 0000000C 534D5450        #   +39 sub-server unformatted "SMTP"
            00000000 00000011 706F73746669782033  # +51 value unformatted "postfix 3"
            0000000B 00000109                 # 268 user products: list block 11, length 265
            """ + "\n" + UserProductVector,
            56 + 541);

        yield return new TestCaseData(
                RecordType.ThirdPartyScannerVulnerability,
                new FieldValues()
                    .Set("vulnerability-id", 0x12345UL).Set("scanner-type", 3UL).Set("title", "XSS").Set("description", "Reflected")
                    .Set("cve-id", "CVE-2020-0001").Set("bugtraq-id", "12345"),
                """
                00012345 00000003                 # 0 vulnerability ID, 4 scanner type 3
                00000003 585353                   # 8 title length 3, "XSS"
                00000009 5265666C6563746564       # 15 description length 9, "Reflected"
                0000000D 4356452D323032302D30303031  # 28 CVE ID length 13, "CVE-2020-0001"
                00000005 3132333435               # 45 BugTraq ID length 5, "12345"
                """,
                54)
            .SetName("Third-party scanner vulnerability (106)");
    }

    [TestCaseSource(nameof(Cases))]
    public void Encoder_writes_the_golden_bytes(RecordType type, FieldValues values, string hex, int expectedLength)
    {
        var bytes = RecordCodec.WriteBody(new LayoutRecord(RecordLayouts.Get(type), values));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Hex.Parse(hex))));
            Assert.That(bytes, Has.Length.EqualTo(expectedLength));
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Decoder_reads_every_value_back(RecordType type, FieldValues values, string hex, int expectedLength)
    {
        var decoded = RecordCodec.ReadBody(type, Hex.Parse(hex));

        Assert.That(decoded, Is.TypeOf<LayoutRecord>());
        var record = (LayoutRecord)decoded;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(record.RecordType, Is.EqualTo(type));
            AssertSameValues(record.Layout.Fields, values, record.Values, type.ToString());
        }
    }

    [Test]
    public void Every_user_input_layout_is_registered_for_decoding()
    {
        foreach (var layout in UserInputLayouts.All)
        {
            Assert.That(RecordLayouts.Get(layout.RecordType), Is.SameAs(layout));
            Assert.That(RecordCatalog.IsKnown(layout.RecordType), Is.True, layout.Name);
        }

        Assert.That(UserInputLayouts.All.Select(l => (uint)l.RecordType), Is.EqualTo(Enumerable.Range(74, 16).Select(i => (uint)i)));
    }

    private static TestCaseData Case(RecordType type, string blockField, FieldValues block, string tail, int expectedLength) =>
        new TestCaseData(
                type,
                new FieldValues().Set("header", DiscoveryHeaderSample.Header).Set(blockField, block),
                DiscoveryHeaderSample.Vector + "\n" + tail,
                expectedLength)
            .SetName($"{type} ({(uint)type})");

    /// <summary>Walks the layout: every declared field must be set in the vector and come back equal.</summary>
    private static void AssertSameValues(IReadOnlyList<LayoutField> fields, FieldValues expected, FieldValues actual, string path)
    {
        foreach (var field in fields)
        {
            var at = $"{path}.{field.Name}";
            Assert.That(expected.ContainsKey(field.Name), Is.True, $"{at} has no value in the vector");
            Assert.That(actual.ContainsKey(field.Name), Is.True, $"{at} was not decoded");
            if (!expected.ContainsKey(field.Name) || !actual.ContainsKey(field.Name))
            {
                continue;
            }

            switch (field.Kind)
            {
                case FieldKind.Block:
                    AssertSameValues(field.Block!.Fields, expected.Nested(field.Name)!, actual.Nested(field.Name)!, at);
                    break;
                case FieldKind.List:
                    var wanted = expected.Items(field.Name);
                    var got = actual.Items(field.Name);
                    Assert.That(got, Has.Count.EqualTo(wanted.Count), at);
                    for (var i = 0; i < Math.Min(wanted.Count, got.Count); i++)
                    {
                        AssertSameValues(field.Block!.Fields, wanted[i], got[i], $"{at}[{i}]");
                    }

                    break;
                case FieldKind.UInt8 or FieldKind.UInt16 or FieldKind.UInt32 or FieldKind.UInt64:
                    Assert.That(actual.Number(field.Name), Is.EqualTo(expected.Number(field.Name)), at);
                    break;
                case FieldKind.Mac or FieldKind.BlobBlock:
                    Assert.That((byte[])actual[field.Name], Is.EqualTo((byte[])expected[field.Name]), at);
                    break;
                default:
                    Assert.That(actual[field.Name], Is.EqualTo(expected[field.Name]), at);
                    break;
            }
        }
    }
}

using System.Net;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Discovery;
using EStreamer.Protocol.Records.Users;

namespace EStreamer.Protocol.Tests.Records.Users;

/// <summary>
/// Records 92–95, 170 and 171 with user blocks 167 (reference 11.12), 158 (reference 11.20) and 120
/// (reference 11.12 prose), against vectors written by hand from those tables.
/// </summary>
public sealed class UserActivityRecordTests
{
    private static readonly DiscoveryHeader Header = new()
    {
        DeviceId = 0x0A0B0C0D,
        LegacyIPv4 = IPAddress.Parse("10.0.0.5"),
        MacAddress = new byte[] { 0x00, 0x50, 0x56, 0x9A, 0x0B, 0x0C },
        HasIPv6 = 1,
        Reserved = 3,
        EventSecond = 0x66000001,
        EventMicrosecond = 123456,
        EventType = DiscoveryEventType.UserActivity,
        EventSubtype = 2,
        FileNumber = 0x31,
        FilePosition = 0x32,
        HostIp = IPAddress.Parse("fd00::5"),
    };

    // Every field distinct so that a swapped or shifted field cannot pass.
    private static readonly UserActivityRecord Sample = new()
    {
        RecordType = RecordType.UserLogin,
        BlockType = UserActivityRecord.Block167,
        Header = Header,
        UserId = 0x101,
        UserName = "alice",
        Protocol = 710,
        RealmId = 0x202,
        EndpointProfileId = 0x303,
        SecurityGroupId = 0x404,
        LocationIPv6 = IPAddress.Parse("2001:db8::b"),
        Email = "a@x.io",
        FirstName = "Al",
        LastName = "Ice",
        Department = "IT",
        Phone = "555",
        LoginTimestamp = 0x66000000,
        LegacyIPv4 = IPAddress.Parse("10.1.1.9"),
        Domain = "CORP",
        Port = 443,
        PortRangeStart = 0x0606,
        StartPort = 0x0707,
        EndPort = 0x0808,
        IPv6Address = IPAddress.Parse("2001:db8::a"),
        LoginType = 3,
        AuthenticationType = 4,
        ReportedBy = "ise",
        Description = "vpn",
    };

    // Reference 9.7, offsets from the record body.
    private const string HeaderVector = """
        0A0B0C0D                          # 0 device ID
        0A000005                          # 4 legacy IPv4 10.0.0.5
        0050569A0B0C                      # 8 MAC address
        01 03                             # 14 has-IPv6 flag, 15 reserved
        66000001 0001E240                 # 16 event second, 20 event microsecond 123456
        000003EC 00000002                 # 24 event type 1004, 28 subtype 2 (login)
        00000031 00000032                 # 32 file number, 36 file position
        FD000000000000000000000000000005  # 40 host IPv6 fd00::5
        """;

    // Reference 11.12 table; block offsets start at body offset 56.
    private const string Block167Vector = HeaderVector + "\n" + """
        000000A7 00000093                 # 0 block type 167, 4 block length 147
        66000000                          # 8 login timestamp
        0A010109                          # 12 IPv4 address 10.1.1.9
        00000000 0000000D 616C696365      # 16 user name "alice"
        00000000 0000000C 434F5250        # +0 domain "CORP"
        00000101                          # +0 user ID
        00000202 00000303 00000404        # +4 realm ID, +8 endpoint profile ID, +12 security group ID
        000002C6                          # +16 protocol 710
        01BB 0606 0707 0808               # +20 port 443, +22 port range start, +24 start port, +26 end port
        00000000 0000000E 6140782E696F    # +28 e-mail "a@x.io"
        20010DB800000000000000000000000A  # +0 IPv6 address
        20010DB800000000000000000000000B  # +16 location IPv6 address
        03 04                             # +32 login type, +33 authentication type
        00000000 0000000B 697365          # +34 reported by "ise"
        00000000 0000000B 76706E          # +0 description "vpn"
        0000000B 00000008                 # +0 VPN sessions: empty list, type 11, length 8
        """;

    // Reference 11.20 table.
    private const string Block158Vector = HeaderVector + "\n" + """
        0000009E 00000071                 # 0 block type 158, 4 block length 113
        00000101                          # 8 user ID
        00000000 0000000D 616C696365      # 12 user name "alice"
        00000202                          # +0 realm ID
        000002C6                          # +4 protocol 710
        00000000 0000000A 416C            # +8 first name "Al"
        00000000 0000000B 496365          # +0 last name "Ice"
        00000000 0000000E 6140782E696F    # +0 e-mail "a@x.io"
        00000000 0000000A 4954            # +0 department "IT"
        00000000 0000000B 353535          # +0 phone "555"
        00000303 00000404                 # +0 endpoint profile ID, +4 security group ID
        20010DB800000000000000000000000B  # +8 location IPv6 address
        """;

    // Reference 11.12 prose: user ID, user name, protocol, first/last name, e-mail, department, phone.
    private const string Block120Vector = HeaderVector + "\n" + """
        00000078 00000055                 # 0 block type 120, 4 block length 85
        00000101                          # 8 user ID
        00000000 0000000D 616C696365      # 12 user name "alice"
        000002C6                          # +0 protocol 710
        00000000 0000000A 416C            # +4 first name "Al"
        00000000 0000000B 496365          # +0 last name "Ice"
        00000000 0000000E 6140782E696F    # +0 e-mail "a@x.io"
        00000000 0000000A 4954            # +0 department "IT"
        00000000 0000000B 353535          # +0 phone "555"
        """;

    private static IEnumerable<TestCaseData> Layouts()
    {
        yield return new TestCaseData(RecordType.UserLogin, UserActivityRecord.Block167, Block167Vector, 56 + 147).SetName("Record 95, block 167");
        yield return new TestCaseData(RecordType.NewUserIdentity, UserActivityRecord.Block158, Block158Vector, 56 + 113).SetName("Record 94, block 158");
        yield return new TestCaseData(RecordType.UserDropped, UserActivityRecord.Block120, Block120Vector, 56 + 85).SetName("Record 92, block 120");
    }

    [TestCaseSource(nameof(Layouts))]
    public void Encoder_writes_the_golden_bytes(RecordType recordType, uint blockType, string hex, int expectedLength)
    {
        var record = (UserActivityRecord)Sample.WithBlockType(blockType) with { RecordType = recordType };
        var bytes = RecordCodec.WriteBody(record);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Hex.Parse(hex))));
            Assert.That(bytes, Has.Length.EqualTo(expectedLength));
        }
    }

    [TestCaseSource(nameof(Layouts))]
    public void Decoder_reads_the_golden_bytes_back(RecordType recordType, uint blockType, string hex, int expectedLength)
    {
        var decoded = RecordCodec.ReadBody(recordType, Hex.Parse(hex));
        Assert.That(decoded, Is.EqualTo(Expected(recordType, blockType)));
    }

    [TestCase(UserActivityRecord.Block167, 56 + 126)]
    [TestCase(UserActivityRecord.Block158, 56 + 92)]
    [TestCase(UserActivityRecord.Block120, 56 + 64)]
    public void Blocks_with_empty_strings_have_the_minimum_size(uint blockType, int size)
    {
        var bytes = RecordCodec.WriteBody(new UserActivityRecord { BlockType = blockType });
        Assert.That(bytes, Has.Length.EqualTo(size));
    }

    [TestCase(RecordType.UserDropped)]
    [TestCase(RecordType.UserRemoved)]
    [TestCase(RecordType.NewUserIdentity)]
    [TestCase(RecordType.UserLogin)]
    [TestCase(RecordType.VpnLogin)]
    [TestCase(RecordType.VpnLogoff)]
    public void Every_user_activity_record_type_is_catalogued_and_keeps_its_type(RecordType recordType)
    {
        var decoded = RecordCodec.ReadBody(recordType, Hex.Parse(Block167Vector));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(RecordCatalog.IsKnown(recordType), Is.True);
            Assert.That(decoded, Is.EqualTo(Expected(recordType, UserActivityRecord.Block167)));
        }
    }

    [Test]
    public void Vpn_session_items_are_carried_inside_the_list_block_unchanged()
    {
        // A made-up item (block 166, length 12, one word): the list keeps it opaque.
        var item = Hex.Parse("000000A6 0000000C 01020304");
        var record = Expected(RecordType.UserLogin, UserActivityRecord.Block167) with { VpnSessions = item };
        var bytes = RecordCodec.WriteBody(record);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Hex.Format(bytes.AsSpan(^20)), Is.EqualTo("0000000B00000014000000A60000000C01020304"));
            Assert.That(RecordCodec.ReadBody(RecordType.UserLogin, bytes), Is.EqualTo(record));
        }
    }

    [Test]
    public void Unknown_user_block_type_is_a_protocol_error_naming_the_field()
    {
        var bytes = Hex.Parse(HeaderVector + "\n000000A8 00000008   # block 168, empty");
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.UserLogin, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("user block type"));
            Assert.That(error.Offset, Is.EqualTo(56));
        }
    }

    [Test]
    public void Record_cut_inside_the_discovery_header_names_the_cut_field()
    {
        var bytes = Hex.Parse(Block167Vector)[..26];
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.UserLogin, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("event type"));
            Assert.That(error.Offset, Is.EqualTo(24));
        }
    }

    [Test]
    public void Record_cut_inside_the_user_block_is_refused_at_the_block()
    {
        var bytes = Hex.Parse(Block158Vector)[..100];
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.NewUserIdentity, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("user block"));
            Assert.That(error.Offset, Is.EqualTo(56));
            Assert.That(error.Reason, Does.Contain("overruns"));
        }
    }

    [Test]
    public void String_overrunning_its_block_names_the_string()
    {
        // Block 120 (length 22) whose user-name string block claims length 13 but only 2 text bytes follow.
        var bytes = Hex.Parse(HeaderVector + "\n00000078 00000016 00000101 00000000 0000000D 6162");
        var error = Assert.Throws<ProtocolException>(() => RecordCodec.ReadBody(RecordType.UserDropped, bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Field, Is.EqualTo("user name"));
            Assert.That(error.Offset, Is.EqualTo(56 + 12));
        }
    }

    [Test]
    public void Record_type_outside_the_user_activity_family_is_refused()
    {
        Assert.That(() => new UserActivityRecord { RecordType = RecordType.User }, Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Unsupported_block_type_is_refused_when_encoding()
    {
        Assert.That(() => Sample.WithBlockType(127), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    // Fields a layout does not carry decode as their defaults.
    private static UserActivityRecord Expected(RecordType recordType, uint blockType) => blockType switch
    {
        UserActivityRecord.Block167 => Sample with
        {
            RecordType = recordType, BlockType = blockType, FirstName = "", LastName = "", Department = "", Phone = "",
        },
        UserActivityRecord.Block158 => Sample with
        {
            RecordType = recordType, BlockType = blockType, LoginTimestamp = 0, LegacyIPv4 = IPAddress.Any, Domain = "",
            Port = 0, PortRangeStart = 0, StartPort = 0, EndPort = 0, IPv6Address = IPAddress.IPv6Any,
            LoginType = 0, AuthenticationType = 0, ReportedBy = "", Description = "",
        },
        _ => Sample with
        {
            RecordType = recordType, BlockType = blockType, RealmId = 0, EndpointProfileId = 0, SecurityGroupId = 0,
            LocationIPv6 = IPAddress.IPv6Any, LoginTimestamp = 0, LegacyIPv4 = IPAddress.Any, Domain = "",
            Port = 0, PortRangeStart = 0, StartPort = 0, EndPort = 0, IPv6Address = IPAddress.IPv6Any,
            LoginType = 0, AuthenticationType = 0, ReportedBy = "", Description = "",
        },
    };
}

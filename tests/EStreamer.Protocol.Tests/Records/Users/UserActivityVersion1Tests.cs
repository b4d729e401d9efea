using System.Net;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Negotiation;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Discovery;
using EStreamer.Protocol.Records.Users;

namespace EStreamer.Protocol.Tests.Records.Users;

/// <summary>
/// User activity version 1 (request flag bit 21): records 92–94 with block 75 and the login record 95 with
/// block 73, behind the discovery header without its IPv6 slot (Perl SDK block table); no VPN records.
/// </summary>
public sealed class UserActivityVersion1Tests
{
    private static readonly DiscoveryHeader Stored = new()
    {
        DeviceId = 0x01020304,
        MacAddress = new byte[] { 0x00, 0x1B, 0x21, 0x3C, 0x4D, 0x5E },
        EventSecond = 0x65A0B0C0,
        EventMicrosecond = 0x000A1B2C,
        EventType = DiscoveryEventType.UserActivity,
        EventSubtype = 2,
        FileNumber = 0x11,
        FilePosition = 0x22,
        HostIp = IPAddress.Parse("192.0.2.50"),
    };

    private static readonly UserActivityRecord StoredLogin = new()
    {
        RecordType = RecordType.UserLogin,
        BlockType = UserActivityRecord.Block167,
        Header = Stored,
        UserId = 0x101,
        UserName = "alice",
        Protocol = 710,
        Email = "a@x",
        LoginTimestamp = 0x65A0B0C0,
        IPv6Address = IPAddress.Parse("::ffff:192.0.2.50"),
        Domain = "corp",
        RealmId = 9,
    };

    private static string HeaderVector(int subtype) => $"""
        01020304 C0000232                 # 0 device ID, 4 host IPv4 192.0.2.50
        001B213C4D5E 0000                 # 8 MAC address, 14 reserved
        65A0B0C0 000A1B2C                 # 16 event second, 20 event microsecond
        000003EC 0000000{subtype}                 # 24 event type 1004, 28 subtype
        00000011 00000022                 # 32 file number, 36 file position
        """;

    [Test]
    public void Login_goes_out_with_block_73()
    {
        var shaped = Negotiated().Shape(StoredLogin);
        var bytes = RecordCodec.WriteBody(shaped);
        var expected = HeaderVector(2) + """

            00000049 00000030                 # 40 block 73, length 48
            65A0B0C0 C0000232                 # 48 login time, 52 IPv4 address
            00000000 0000000D 616C696365      # 56 user name "alice"
            00000101 000002C6                 # 69 user ID, 73 protocol 710
            00000000 0000000B 614078          # 77 e-mail "a@x"
            """;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Hex.Parse(expected))));
            Assert.That(RecordCodec.ReadBody(RecordType.UserLogin, bytes), Is.EqualTo(shaped));
        }
    }

    [Test]
    public void New_user_goes_out_with_block_75()
    {
        var stored = StoredLogin with
        {
            RecordType = RecordType.NewUserIdentity,
            BlockType = UserActivityRecord.Block158,
            Header = Stored with { EventSubtype = 1 },
            FirstName = "Al",
            LastName = "Ice",
        };

        var shaped = Negotiated().Shape(stored);
        var bytes = RecordCodec.WriteBody(shaped);
        var expected = HeaderVector(1) + """

            0000004B 0000004D                 # 40 block 75, length 77
            00000101                          # 48 user ID
            00000000 0000000D 616C696365      # 52 user name "alice"
            000002C6                          # 65 protocol 710
            00000000 0000000A 416C            # 69 first name "Al"
            00000000 0000000B 496365          # 79 last name "Ice"
            00000000 0000000B 614078          # 90 e-mail "a@x"
            00000000 00000008                 # 101 department ""
            00000000 00000008                 # 109 phone ""
            """;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Hex.Parse(expected))));
            Assert.That(RecordCodec.ReadBody(RecordType.NewUserIdentity, bytes), Is.EqualTo(shaped));
        }
    }

    [Test]
    public void Login_without_a_stored_IPv4_address_takes_the_header_host()
    {
        var shaped = (UserActivityRecord)Negotiated().Shape(StoredLogin with { IPv6Address = IPAddress.IPv6Any });
        Assert.That(shaped.LegacyIPv4, Is.EqualTo(IPAddress.Parse("192.0.2.50")));
    }

    [Test]
    public void VPN_records_did_not_exist_in_version_1()
    {
        var negotiation = Negotiated();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(negotiation.Streams(RecordType.VpnLogin), Is.False);
            Assert.That(negotiation.Streams(RecordType.VpnLogoff), Is.False);
            Assert.That(negotiation.Streams(RecordType.UserDropped), Is.True);
        }
    }

    [Test]
    public void Version_1_layout_wins_over_the_client_profile_forms()
    {
        var negotiation = StreamNegotiation.Negotiate(
            RequestedVersions.FromFlags(RequestFlags.UserActivity), ClientProfile.Encore38, sentStreamingRequest: false, _ => true);
        var shaped = (UserActivityRecord)negotiation.Shape(StoredLogin with { RecordType = RecordType.UserDropped });
        Assert.That(shaped.BlockType, Is.EqualTo(UserActivityRecord.Block75));
    }

    private static StreamNegotiation Negotiated() =>
        StreamNegotiation.Negotiate(RequestedVersions.FromFlags(RequestFlags.UserActivity), ClientProfile.Auto, sentStreamingRequest: false, _ => true);
}

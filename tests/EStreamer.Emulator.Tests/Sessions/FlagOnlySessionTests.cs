using EStreamer.Client;
using EStreamer.Emulator.Sessions;
using EStreamer.Emulator.Tests.Support;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Negotiation;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Correlation;
using EStreamer.Protocol.Records.Discovery;
using EStreamer.Protocol.Records.Users;

namespace EStreamer.Emulator.Tests.Sessions;

/// <summary>
/// Flag-only sessions end to end over TLS, as the legacy Perl SDK and eNcore with extended requests off
/// open them: stand-alone Event Data messages paced by the client's Nulls, in the legacy layouts of the
/// flag bits (docs/protocol-coverage.md), from the built-in traffic history.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public sealed class FlagOnlySessionTests
{
    private const int HistoryEvents = 600;

    [Test]
    public async Task Legacy_flags_0x01F00004_get_every_family_they_name_in_its_legacy_layout()
    {
        var (records, session) = await ReadAllAsync((RequestFlags)0x01F00004);
        var types = records.Select(r => r.RecordType).ToHashSet();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(types.Overlaps([RecordType.IntrusionEventVlan, RecordType.IntrusionEventIPv6Vlan]), Is.True, "intrusion events as 104/105 (bit 2)");
            Assert.That(records.OfType<LegacyCorrelationEventRecord>().Select(r => (r.RecordType, r.BlockType)).Distinct(),
                Is.EqualTo(new[] { (RecordType.CorrelationEventV5, LegacyCorrelationEventRecord.Block84) }), "correlation as record 97 with block 84 (bit 22)");
            var discovery = records.Where(r => RecordFamilies.IsDiscoveryRecord(r.RecordType)).ToList();
            Assert.That(discovery, Is.Not.Empty, "discovery records (bit 24)");
            Assert.That(discovery.Select(HeaderOf).Select(h => h?.HasIPv6), Has.All.EqualTo((byte)0), "the 40-byte header without the IPv6 slot");
            var users = records.OfType<UserActivityRecord>().ToList();
            Assert.That(users.Where(u => u.RecordType == RecordType.UserLogin).Select(u => u.BlockType).Distinct(), Is.EqualTo(new[] { UserActivityRecord.Block73 }), "95 with block 73 (bit 21)");
            Assert.That(users.Where(u => u.RecordType != RecordType.UserLogin).Select(u => u.BlockType), Has.All.EqualTo(UserActivityRecord.Block75), "92-94 with block 75");
            Assert.That(users.Select(u => u.Header.HasIPv6), Has.All.EqualTo((byte)0));
            Assert.That(types, Does.Contain(RecordType.RuleMessage).And.Contain(RecordType.ManagedDevice), "metadata v4 (bit 20)");
            Assert.That(records.OfType<UserRecord>().Select(u => u.BlockType), Has.All.EqualTo(UserRecord.NameLengthForm), "record 98 in the guide's form");
            Assert.That(types, Has.No.Member(RecordType.IntrusionEvent).And.No.Member(RecordType.CorrelationEvent)
                .And.No.Member(RecordType.VpnLogin).And.No.Member(RecordType.VpnLogoff));
            Assert.That(session.Profile, Is.EqualTo(ClientProfile.FlagOnly));
            Assert.That(session.BundlesSent, Is.Zero);
        }
    }

    [Test]
    public async Task Encore_flags_without_the_extended_bit_get_legacy_intrusion_records_packets_impact_and_extra_data()
    {
        var (records, session) = await ReadAllAsync(RequestFlags.EncoreDefault & ~RequestFlags.ExtendedRequest);
        var types = records.Select(r => r.RecordType).ToHashSet();
        var families = types.Select(RecordFamilies.FamilyOf).ToHashSet();
        using (Assert.EnterMultipleScope())
        {
            Assert.That((uint)session.Flags, Is.EqualTo(0x08900061u));
            Assert.That(types.Overlaps([RecordType.IntrusionEventVlan, RecordType.IntrusionEventIPv6Vlan]), Is.True, "intrusion events as 104/105 (bit 6)");
            Assert.That(types, Does.Contain(RecordType.PacketData).And.Contain(RecordType.IntrusionImpactAlert).And.Contain(RecordType.IntrusionExtraData));
            Assert.That(types, Does.Contain(RecordType.RuleMessage).And.Contain(RecordType.IntrusionExtraDataMetadata), "metadata v4 with the extra data types (111)");
            Assert.That(types, Has.No.Member(RecordType.IntrusionEvent));
            Assert.That(families, Has.No.Member(EventFamily.Discovery).And.No.Member(EventFamily.Correlation)
                .And.No.Member(EventFamily.UserActivity).And.No.Member(EventFamily.Connection));
            Assert.That(session.Profile, Is.EqualTo(ClientProfile.FlagOnly));
        }
    }

    /// <summary>
    /// Reads frame by frame as the legacy clients do (a Null after every message, the client library's
    /// default) until the server reports it has read its whole history and the client holds every record
    /// it sent. Every message must be a stand-alone Event Data message with the extended header (bit 23).
    /// </summary>
    private static async Task<(List<IRecord> Records, SessionInfo Session)> ReadAllAsync(RequestFlags flags)
    {
        await using var emulator = await BuiltInHistory.StartAsync(31, HistoryEvents, options =>
        {
            options.KeepaliveInterval = TimeSpan.FromMilliseconds(200);
            options.MaxUnacknowledgedEventData = 8;
        });
        await using var client = await EStreamerClient.ConnectAsync(new EStreamerClientOptions
        {
            Host = "127.0.0.1",
            Port = emulator.Port,
            ClientCertificate = emulator.ClientCertificate,
        });
        Assert.That(await client.OpenStreamAsync(StreamRequest.Plain(EventStreamRequestMessage.FromOldest, flags)), Is.Null);
        var id = (await emulator.WaitForSessionAsync(s => s.State == SessionState.Streaming)).Id;

        var records = new List<IRecord>();
        var types = new HashSet<MessageType>();
        while (true)
        {
            var session = emulator.Server.Sessions.Find(id)!;
            if (session.CaughtUp && session.EventsSent == records.Count)
            {
                Assert.That(types, Is.SubsetOf(new[] { MessageType.EventData, MessageType.Null }), "no bundles, no other messages");
                Assert.That(session.EventsSent, Is.GreaterThan(HistoryEvents / 10));
                return (records, session);
            }

            var frame = await client.ReceiveFrameAsync() ?? throw new AssertionException("the server closed the session");
            types.Add(frame.Type);
            if (!RecordDecoder.CarriesRecords(frame.Type))
            {
                continue;
            }

            foreach (var decoded in RecordDecoder.Decode(frame))
            {
                Assert.That(decoded.Decoded, Is.True, decoded.DecodeError);
                Assert.That(decoded.Data.ExtendedHeader, Is.True, "bit 23 asks for the extended record header");
                records.Add(decoded.Data.Record);
            }
        }
    }

    private static DiscoveryHeader? HeaderOf(IRecord record) => record switch
    {
        HostNoticeRecord r => r.Header,
        HostValueRecord r => r.Header,
        MacAddressRecord r => r.Header,
        HostIpChangedRecord r => r.Header,
        _ => null,
    };
}

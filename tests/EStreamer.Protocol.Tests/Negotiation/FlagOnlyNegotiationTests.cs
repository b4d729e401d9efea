using System.Net;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Negotiation;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Correlation;
using EStreamer.Protocol.Records.Discovery;
using EStreamer.Protocol.Records.Intrusion;
using EStreamer.Protocol.Records.Users;

namespace EStreamer.Protocol.Tests.Negotiation;

/// <summary>
/// Clients that send only an Event Stream Request get every family their flag bits name (reference 4.3),
/// in the legacy layout of that bit, rewritten from the stored newest form.
/// </summary>
public sealed class FlagOnlyNegotiationTests
{
    // The Perl SDK's plug-ins: legacy intrusion, metadata 4, user activity, correlation 5, archive
    // timestamps, discovery 5.
    private const RequestFlags PerlSdkFlags = (RequestFlags)0x01F00004;

    // eNcore with its "extended" setting off: bits 0, 5, 6, 20, 23, 27.
    private const RequestFlags EncoreWithoutExtended = (RequestFlags)0x08900061;

    private static readonly DiscoveryHeader Header = new() { HostIp = IPAddress.Parse("192.0.2.50"), EventType = DiscoveryEventType.UserActivity, EventSubtype = 2 };

    private static readonly IRecord[] Journal =
    [
        new IntrusionEventRecord { SourceIp = IPAddress.Parse("10.0.0.1"), DestinationIp = IPAddress.Parse("10.0.0.2") },
        new IntrusionEventRecord { SourceIp = IPAddress.Parse("2001:db8::1"), DestinationIp = IPAddress.Parse("2001:db8::2") },
        new CorrelationEventRecord { Description = "rule fired" },
        new UserActivityRecord { RecordType = RecordType.UserLogin, Header = Header, UserName = "alice" },
        new UserActivityRecord { RecordType = RecordType.VpnLogin, Header = Header, UserName = "bob" },
        new HostNoticeRecord(RecordType.HostTimeout, Header with { EventType = DiscoveryEventType.ChangeEvent, EventSubtype = 7 }),
        new ImpactAlertRecord(),
        new PacketRecord(1, 2, 3, 4, 5, PacketRecord.Ethernet, new byte[] { 0xAB }),
    ];

    [Test]
    public void Perl_SDK_flags_stream_every_family_they_name_and_nothing_is_refused()
    {
        var negotiation = Negotiate(PerlSdkFlags);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Versions(negotiation), Is.EquivalentTo(new Dictionary<EventFamily, ushort>
            {
                [EventFamily.Intrusion] = 1,
                [EventFamily.Metadata] = 4,
                [EventFamily.UserActivity] = 1,
                [EventFamily.Correlation] = 5,
                [EventFamily.Discovery] = 5,
            }));
            Assert.That(negotiation.Notes, Is.Empty);
        }
    }

    [Test]
    public void Perl_SDK_flags_turn_the_journal_into_legacy_record_types()
    {
        Assert.That(SentTypes(Negotiate(PerlSdkFlags)), Is.EqualTo(new (RecordType, uint?)[]
        {
            (RecordType.IntrusionEventVlan, null),
            (RecordType.IntrusionEventIPv6Vlan, null),
            (RecordType.CorrelationEventV5, LegacyCorrelationEventRecord.Block84),
            (RecordType.UserLogin, UserActivityRecord.Block73),
            (RecordType.HostTimeout, null),
        }));
    }

    [Test]
    public void Encore_without_extended_requests_gets_legacy_intrusion_events_with_packets_impact_alerts_and_extra_data()
    {
        var negotiation = Negotiate(EncoreWithoutExtended);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Versions(negotiation), Is.EquivalentTo(new Dictionary<EventFamily, ushort>
            {
                [EventFamily.PacketData] = 1,
                [EventFamily.ImpactAlert] = 2,
                [EventFamily.Intrusion] = 2,
                [EventFamily.Metadata] = 4,
                [EventFamily.ExtraData] = 1,
            }));
            Assert.That(negotiation.Notes, Is.Empty);
            Assert.That(SentTypes(negotiation), Is.EqualTo(new (RecordType, uint?)[]
            {
                (RecordType.IntrusionEventVlan, null),
                (RecordType.IntrusionEventIPv6Vlan, null),
                (RecordType.IntrusionImpactAlert, null),
                (RecordType.PacketData, null),
            }));
        }
    }

    [Test]
    public void Extended_request_above_the_flags_keeps_the_newest_layouts()
    {
        var requested = RequestedVersions.FromFlags(RequestFlags.EncoreDefault | PerlSdkFlags);
        requested.AddEntries([new(9, 12), new(9, 31), new(7, 91), new(11, 61)]);
        var negotiation = StreamNegotiation.Negotiate(requested, ClientProfile.Auto, sentStreamingRequest: true, _ => true);
        var sent = SentTypes(negotiation);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sent, Does.Contain((RecordType.IntrusionEvent, (uint?)IntrusionEventRecord.Block60)));
            Assert.That(sent, Does.Contain((RecordType.CorrelationEvent, (uint?)null)));
            Assert.That(sent, Does.Contain((RecordType.UserLogin, (uint?)UserActivityRecord.Block167)));
            Assert.That(sent, Does.Contain((RecordType.VpnLogin, (uint?)UserActivityRecord.Block167)));
            Assert.That(sent.Select(s => s.Type), Does.Not.Contain(RecordType.IntrusionEventVlan));
        }
    }

    // Every bit of reference 4.3, alone: the family and version it names, and what is sent for it.
    private static IEnumerable<TestCaseData> Bits()
    {
        yield return Bit(0, EventFamily.PacketData, 1, sentAs: null, "needs a streamed intrusion family");
        yield return Bit(1, EventFamily.Metadata, 1, sentAs: 4, "no public layout: metadata v4 stands in");
        yield return Bit(2, EventFamily.Intrusion, 1, sentAs: 1, "records 104/105");
        yield return Bit(3, EventFamily.Discovery, 1, sentAs: 1, "header without the IPv6 slot");
        yield return Bit(4, EventFamily.Correlation, 1, sentAs: 1, "record 65, block 52 stands in");
        yield return Bit(5, EventFamily.ImpactAlert, 2, sentAs: 2, "record 9, block 153");
        yield return Bit(6, EventFamily.Intrusion, 2, sentAs: 2, "records 104/105");
        yield return Bit(7, EventFamily.Discovery, 2, sentAs: 2, "header without the IPv6 slot");
        yield return Bit(8, EventFamily.Connection, 1, sentAs: 14, "no public layout: connection v14 (block 163) stands in");
        yield return Bit(9, EventFamily.Correlation, 2, sentAs: 2, "record 65, block 52 stands in");
        yield return Bit(10, EventFamily.Discovery, 3, sentAs: 3, "header without the IPv6 slot");
        yield return Bit(12, EventFamily.Connection, 3, sentAs: 14, "no public layout: connection v14 (block 163) stands in");
        yield return Bit(13, EventFamily.Correlation, 3, sentAs: 3, "record 65, block 52");
        yield return Bit(14, EventFamily.Metadata, 2, sentAs: 4, "no public layout: metadata v4 stands in");
        yield return Bit(15, EventFamily.Metadata, 3, sentAs: 4, "no public layout: metadata v4 stands in");
        yield return Bit(17, EventFamily.Discovery, 4, sentAs: 4, "header without the IPv6 slot");
        yield return Bit(18, EventFamily.Connection, 4, sentAs: 14, "no public layout: connection v14 (block 163) stands in");
        yield return Bit(19, EventFamily.Correlation, 4, sentAs: 4, "record 65, block 70");
        yield return Bit(20, EventFamily.Metadata, 4, sentAs: 4, "metadata records of reference 10.2");
        yield return Bit(21, EventFamily.UserActivity, 1, sentAs: 1, "blocks 75 and 73");
        yield return Bit(22, EventFamily.Correlation, 5, sentAs: 5, "record 97, block 84");
        yield return Bit(24, EventFamily.Discovery, 5, sentAs: 5, "header without the IPv6 slot");
        yield return Bit(27, EventFamily.ExtraData, 1, sentAs: null, "needs a streamed intrusion family");
    }

    [TestCaseSource(nameof(Bits))]
    public void Bit_names_its_family_and_version(int bit, EventFamily family, int version, int? sentAs)
    {
        var requested = RequestedVersions.FromFlags((RequestFlags)(1u << bit));
        var negotiation = StreamNegotiation.Negotiate(requested, ClientProfile.Auto, sentStreamingRequest: false, _ => true);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(requested.Versions, Is.EquivalentTo(new Dictionary<EventFamily, ushort> { [family] = (ushort)version }));
            Assert.That(negotiation.VersionOf(family), sentAs is { } sent ? Is.EqualTo((ushort)sent) : Is.Null);
        }
    }

    [TestCase(11)]
    [TestCase(16)]
    [TestCase(23)]
    [TestCase(25)]
    [TestCase(26)]
    [TestCase(28)]
    [TestCase(29)]
    [TestCase(30)]
    [TestCase(31)]
    public void Bit_names_no_family(int bit)
    {
        Assert.That(RequestedVersions.FromFlags((RequestFlags)(1u << bit)).Versions, Is.Empty);
    }

    private static StreamNegotiation Negotiate(RequestFlags flags) =>
        StreamNegotiation.Negotiate(RequestedVersions.FromFlags(flags), ClientProfile.Auto, sentStreamingRequest: false, _ => true);

    private static Dictionary<EventFamily, ushort> Versions(StreamNegotiation negotiation) =>
        negotiation.Streamed.ToDictionary(kv => kv.Key, kv => kv.Value.Version);

    // What a session would send for the journal: the streamed records, shaped, encoded and read back.
    private static (RecordType Type, uint? Block)[] SentTypes(StreamNegotiation negotiation) =>
        Journal
            .Where(record => negotiation.Streams(record.RecordType))
            .Select(negotiation.Shape)
            .Select(shaped => RecordCodec.ReadBody(shaped.RecordType, RecordCodec.WriteBody(shaped)))
            .Select(read => (read.RecordType, read is IVersionedRecord versioned ? versioned.BlockType : (uint?)null))
            .ToArray();

    private static TestCaseData Bit(int bit, EventFamily family, int version, int? sentAs, string sent) =>
        new TestCaseData(bit, family, version, sentAs).SetName($"Bit {bit}: {family} v{version}, {(sentAs is null ? "not sent" : $"sent as v{sentAs}")}: {sent}");
}

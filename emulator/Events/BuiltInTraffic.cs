using System.Net;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Connection;
using EStreamer.Protocol.Records.Correlation;
using EStreamer.Protocol.Records.Discovery;
using EStreamer.Protocol.Records.Files;
using EStreamer.Protocol.Records.Intrusion;
using EStreamer.Protocol.Records.Metadata;
using EStreamer.Protocol.Records.Users;

namespace EStreamer.Emulator.Events;

/// <summary>
/// The traffic `serve` streams when no scenario is given: a seeded, realistic mix of every family with
/// the metadata each event refers to, including one local rule whose SID was remapped (rule ID 1000001,
/// rendered SID 31337, reference 13). The same seed and start time give the same records.
/// </summary>
public sealed class BuiltInTraffic
{
    private static readonly Guid IntrusionPolicy = Guid.Parse("5b0b29f8-8f2a-4c8e-9c4a-6d7c2a1e0001");
    private static readonly Guid AccessPolicy = Guid.Parse("5b0b29f8-8f2a-4c8e-9c4a-6d7c2a1e0002");
    private static readonly Guid InsideZone = Guid.Parse("5b0b29f8-8f2a-4c8e-9c4a-6d7c2a1e0010");
    private static readonly Guid OutsideZone = Guid.Parse("5b0b29f8-8f2a-4c8e-9c4a-6d7c2a1e0011");
    private static readonly Guid InsideInterface = Guid.Parse("5b0b29f8-8f2a-4c8e-9c4a-6d7c2a1e0020");
    private static readonly Guid OutsideInterface = Guid.Parse("5b0b29f8-8f2a-4c8e-9c4a-6d7c2a1e0021");
    private static readonly Guid Cloud = Guid.Parse("5b0b29f8-8f2a-4c8e-9c4a-6d7c2a1e0030");

    private static readonly FileTransferDetails HttpOk = new() { HttpResponseCode = 200 };
    private static readonly IRecord[] Devices = [new IdNameRecord(RecordType.ManagedDevice, 1, "ftd-edge-1"), new IdNameRecord(RecordType.ManagedDevice, 2, "ftd-core-2")];
    private static readonly IRecord[] Priorities = [new PriorityRecord(1, "high"), new PriorityRecord(2, "medium"), new PriorityRecord(3, "low")];
    private static readonly IRecord[] Zones = [new UuidNameRecord(RecordType.SecurityZoneName, InsideZone, "inside"), new UuidNameRecord(RecordType.SecurityZoneName, OutsideZone, "outside")];
    private static readonly IRecord[] Interfaces = [new UuidNameRecord(RecordType.InterfaceName, InsideInterface, "GigabitEthernet0/1"), new UuidNameRecord(RecordType.InterfaceName, OutsideInterface, "GigabitEthernet0/0")];
    private static readonly IRecord IntrusionPolicyName = new UuidNameRecord(RecordType.IntrusionPolicyName, IntrusionPolicy, "Balanced Security and Connectivity");
    private static readonly IRecord CloudName = new UuidNameRecord(RecordType.CloudName, Cloud, "AMP Cloud (US)");
    private static readonly IRecord XffType = new ExtraDataTypeRecord { ExtraDataType = 1, Name = "Original Client IPv6 Address", Encoding = "IPv6" };
    private static readonly IRecord[] AccessPolicies =
    [
        new PolicyRecord { RecordType = RecordType.AccessControlPolicy, PolicyUuid = AccessPolicy, SensorId = 1, Name = "Corporate Access Policy" },
        new PolicyRecord { RecordType = RecordType.AccessControlPolicy, PolicyUuid = AccessPolicy, SensorId = 2, Name = "Corporate Access Policy" },
    ];

    private static readonly IRecord[] AccessRules =
    [
        new AccessControlRuleRecord { PolicyRevisionUuid = AccessPolicy, RuleId = 268435457, Name = "Allow outbound web" },
        new AccessControlRuleRecord { PolicyRevisionUuid = AccessPolicy, RuleId = 268435458, Name = "Inspect inbound" },
    ];

    private static readonly IRecord[] Countries = [new GeolocationRecord { CountryCode = 840, Name = "United States" }, new GeolocationRecord { CountryCode = 276, Name = "Germany" }];

    private static readonly (uint Id, string Name, string Domain)[] Users = [(1001, "alice", "CORP"), (1002, "bob", "CORP"), (1003, "svc-backup", "CORP")];

    private static readonly IRecord UriType = new ExtraDataTypeRecord { ExtraDataType = 9, Name = "HTTP URI", Encoding = "string" };

    private static readonly (ClassificationRecord Classification, uint Priority)[] Classifications =
    [
        (new ClassificationRecord(1, "trojan-activity", "A Network Trojan was detected", Guid.Parse("a1000000-0000-4000-8000-000000000001"), Guid.Parse("a1000000-0000-4000-8000-0000000000f1")), 1),
        (new ClassificationRecord(2, "attempted-admin", "Attempted Administrator Privilege Gain", Guid.Parse("a1000000-0000-4000-8000-000000000002"), Guid.Parse("a1000000-0000-4000-8000-0000000000f2")), 1),
        (new ClassificationRecord(3, "web-application-attack", "Web Application Attack", Guid.Parse("a1000000-0000-4000-8000-000000000003"), Guid.Parse("a1000000-0000-4000-8000-0000000000f3")), 2),
        (new ClassificationRecord(4, "policy-violation", "Potential Corporate Privacy Violation", Guid.Parse("a1000000-0000-4000-8000-000000000004"), Guid.Parse("a1000000-0000-4000-8000-0000000000f4")), 3),
    ];

    /// <summary>Rules, one of them a remapped local rule: events carry 1000001, record 66 renders 31337.</summary>
    public static readonly IReadOnlyList<(RuleMessageRecord Rule, int Classification)> Rules =
    [
        (new RuleMessageRecord(1, 2019401, 0, 2019401, Guid.Parse("b1000000-0000-4000-8000-000000000001"), Guid.Parse("b1000000-0000-4000-8000-0000000000f1"), "ET POLICY Vulnerable Java Version 1.8.x Detected"), 3),
        (new RuleMessageRecord(1, 30524, 0, 30524, Guid.Parse("b1000000-0000-4000-8000-000000000002"), Guid.Parse("b1000000-0000-4000-8000-0000000000f2"), "SERVER-WEBAPP Apache Struts remote code execution attempt"), 2),
        (new RuleMessageRecord(1, 45548, 0, 45548, Guid.Parse("b1000000-0000-4000-8000-000000000003"), Guid.Parse("b1000000-0000-4000-8000-0000000000f3"), "MALWARE-CNC Win.Trojan.Agent outbound connection"), 0),
        (new RuleMessageRecord(1, 1_000_001, 0, 31337, Guid.Parse("b1000000-0000-4000-8000-000000000004"), Guid.Parse("b1000000-0000-4000-8000-0000000000f4"), "LOCAL custom rule: suspicious admin login"), 1),
        (new RuleMessageRecord(119, 4, 0, 4, Guid.Parse("b1000000-0000-4000-8000-000000000005"), Guid.Parse("b1000000-0000-4000-8000-0000000000f5"), "(http_inspect) BARE BYTE UNICODE ENCODING"), 3),
    ];

    private readonly Random _random;
    private readonly Func<uint, IEnumerable<(uint, IRecord, IReadOnlyList<IRecord>)>>[] _families;
    private uint _eventId;

    public BuiltInTraffic(int seed)
    {
        _random = new Random(seed);
        _families = [Intrusion, Connection, Connection, FileEvent, MalwareEvent, Discovery, UserLogin, Correlation];
    }

    /// <summary>Hosts the traffic talks about, for host data requests.</summary>
    public static IReadOnlyList<HostProfile> Hosts { get; } = Enumerable.Range(10, 20)
        .Select(i => new HostProfile(IPAddress.Parse($"10.0.0.{i}"), [0x00, 0x50, 0x56, 0x00, 0x00, (byte)i], 0, 1_700_000_000, $"HOST-{i}"))
        .ToArray();

    /// <summary>The records of the next event group (an event and its companions), archived at <paramref name="now"/>.</summary>
    public IEnumerable<(uint ArchiveTimestamp, IRecord Record, IReadOnlyList<IRecord> Metadata)> Next(uint now) =>
        _families[_random.Next(_families.Length)](now);

    /// <summary>Fills a journal with <paramref name="count"/> groups spread over the hour before <paramref name="now"/>.</summary>
    public void Prefill(EventJournal journal, int count, uint now)
    {
        foreach (var host in Hosts)
        {
            journal.AddHost(host);
        }

        for (var i = 0; i < count; i++)
        {
            var at = now - (uint)(3600L * (count - i) / Math.Max(1, count));
            journal.Append(Next(at).ToArray());
        }
    }

    private IEnumerable<(uint, IRecord, IReadOnlyList<IRecord>)> Intrusion(uint now)
    {
        var (rule, classIndex) = Rules[_random.Next(Rules.Count)];
        var (classification, priority) = Classifications[classIndex];
        var device = _random.Next(Devices.Length);
        var eventId = ++_eventId;
        var source = RandomExternal();
        var destination = Hosts[_random.Next(Hosts.Count)].Address;
        var impactFlags = (byte)(_random.Next(2) == 0 ? 0x07 : 0x03);
        var intrusion = new IntrusionEventRecord
        {
            DeviceId = (uint)device + 1,
            EventId = eventId,
            EventSecond = now,
            EventMicrosecond = (uint)_random.Next(1_000_000),
            RuleId = rule.RuleId,
            GeneratorId = rule.GeneratorId,
            RuleRevision = (uint)_random.Next(1, 9),
            ClassificationId = classification.ClassificationId,
            PriorityId = priority,
            SourceIp = source,
            DestinationIp = destination,
            SourcePortOrIcmpType = (ushort)_random.Next(1024, 65535),
            DestinationPortOrIcmpCode = 443,
            IpProtocol = 6,
            ImpactFlags = impactFlags,
            Impact = (byte)(impactFlags == 0x07 ? 2 : 3),
            IntrusionPolicyUuid = IntrusionPolicy,
            AccessControlRuleId = 268435458,
            AccessControlPolicyUuid = AccessPolicy,
            IngressInterfaceUuid = OutsideInterface,
            EgressInterfaceUuid = InsideInterface,
            IngressZoneUuid = OutsideZone,
            EgressZoneUuid = InsideZone,
            ConnectionTimestamp = now,
            ConnectionInstanceId = 1,
            ConnectionCounter = (ushort)_random.Next(1, 65535),
            HttpResponseCode = 200,
            SnortVersion = 3,
            HttpHostname = "portal.example.com",
            HttpUri = "/login",
        };
        IReadOnlyList<IRecord> metadata = [Devices[device], rule, classification, Priorities[priority - 1], IntrusionPolicyName, AccessPolicies[device], AccessRules[1], Zones[0], Zones[1], Interfaces[0], Interfaces[1]];
        yield return (now, intrusion, metadata);
        yield return (now, new PacketRecord(intrusion.DeviceId, eventId, now, now, intrusion.EventMicrosecond, PacketRecord.Ethernet, SamplePacket(source, destination)), [Devices[device]]);
        yield return (now, new ExtraDataRecord { DeviceId = intrusion.DeviceId, EventId = eventId, EventSecond = now, ExtraDataType = 9, Data = "/login"u8.ToArray() }, [UriType]);
        if (_random.Next(3) == 0)
        {
            yield return (now, new ExtraDataRecord { DeviceId = intrusion.DeviceId, EventId = eventId, EventSecond = now, ExtraDataType = 1, Data = IPAddress.Parse("2001:db8::42").GetAddressBytes() }, [XffType]);
        }

        yield return (now, new ImpactAlertRecord
        {
            EventId = eventId,
            DeviceId = intrusion.DeviceId,
            EventSecond = now,
            Impact = impactFlags,
            SourceIp = source,
            DestinationIp = destination,
            Description = $"[Impact: {(impactFlags == 0x07 ? "Potentially Vulnerable" : "Unknown Target")}] {rule.Message}",
        }, [Devices[device]]);
    }

    private IEnumerable<(uint, IRecord, IReadOnlyList<IRecord>)> FileEvent(uint now)
    {
        var device = _random.Next(Devices.Length);
        var malware = _random.Next(4) == 0;
        var sha = new byte[32];
        _random.NextBytes(sha);
        yield return (now, new FileEventRecord
        {
            RecordType = malware ? RecordType.FileMalwareEvent : RecordType.FileEvent,
            DeviceId = (uint)device + 1,
            ConnectionTimestamp = now,
            FileEventTimestamp = now,
            SourceIp = RandomExternal(),
            DestinationIp = Hosts[_random.Next(Hosts.Count)].Address,
            Disposition = (byte)(malware ? 3 : 1),
            Action = (byte)(malware ? 4 : 1),
            Sha256 = sha,
            FileTypeId = 22,
            FileName = malware ? "invoice.pdf.exe" : "report.pdf",
            FileSize = (ulong)_random.Next(1_000, 5_000_000),
            Direction = 1,
            Uri = "http://files.example.net/download",
            Signature = malware ? "W32.Generic:Gen.22fz.1201" : string.Empty,
            SourcePort = 80,
            DestinationPort = (ushort)_random.Next(1024, 65535),
            IpProtocol = 6,
            AccessControlPolicyUuid = AccessPolicy,
            Transfer = HttpOk,
        }, [Devices[device]]);
    }

    private IEnumerable<(uint, IRecord, IReadOnlyList<IRecord>)> MalwareEvent(uint now)
    {
        var device = _random.Next(Devices.Length);
        yield return (now, new MalwareEventRecord
        {
            AgentUuid = Guid.Parse("c1000000-0000-4000-8000-000000000001"),
            CloudUuid = Cloud,
            MalwareEventTimestamp = now,
            EventTypeId = 1,
            EventSubtypeId = 1,
            DetectorId = 1,
            DetectionName = "W32.Trojan.Agent",
            User = "alice",
            FileName = "setup.exe",
            FilePath = @"C:\Users\alice\Downloads\setup.exe",
            FileSha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            FileSize = (uint)_random.Next(10_000, 900_000),
            FileTypeId = 21,
            FileTimestamp = now,
            EventDescription = "Threat detected",
            DeviceId = (uint)device + 1,
            ConnectionTimestamp = now,
            Direction = 1,
            SourceIp = RandomExternal(),
            DestinationIp = Hosts[_random.Next(Hosts.Count)].Address,
            AccessControlPolicyUuid = AccessPolicy,
            Disposition = 3,
            Uri = "http://cdn.example.org/setup.exe",
            SourcePort = 80,
            DestinationPort = (ushort)_random.Next(1024, 65535),
            Action = 4,
            IpProtocol = 6,
            ThreatScore = 90,
            Transfer = HttpOk,
        }, [Devices[device], CloudName]);
    }

    private IEnumerable<(uint, IRecord, IReadOnlyList<IRecord>)> Discovery(uint now)
    {
        var device = _random.Next(Devices.Length);
        var host = Hosts[_random.Next(Hosts.Count)];
        var header = new DiscoveryHeader
        {
            DeviceId = (uint)device + 1,
            MacAddress = host.MacAddress,
            EventSecond = now,
            EventMicrosecond = (uint)_random.Next(1_000_000),
            EventType = DiscoveryEventType.ChangeEvent,
            EventSubtype = 5,
            HostIp = host.Address,
        };
        IRecord record = _random.Next(3) switch
        {
            0 => new HostValueRecord(RecordType.HopsChange, header, (uint)_random.Next(1, 8)),
            1 => new HostValueRecord(RecordType.TcpPortClosed, header with { EventSubtype = 8 }, (uint)_random.Next(1, 1024)),
            _ => new HostNoticeRecord(RecordType.HostTimeout, header with { EventSubtype = 7 }),
        };
        yield return (now, record, [Devices[device]]);
    }

    private IEnumerable<(uint, IRecord, IReadOnlyList<IRecord>)> Connection(uint now)
    {
        var device = _random.Next(Devices.Length);
        var host = Hosts[_random.Next(Hosts.Count)];
        var rule = _random.Next(AccessRules.Length);
        var country = _random.Next(Countries.Length);
        var user = Users[_random.Next(Users.Length)];
        var record = new ConnectionStatisticsRecord
        {
            Header = new DiscoveryHeader
            {
                DeviceId = (uint)device + 1,
                MacAddress = host.MacAddress,
                EventSecond = now,
                EventMicrosecond = (uint)_random.Next(1_000_000),
                EventType = DiscoveryEventType.Connection,
                EventSubtype = ConnectionStatisticsRecord.DiscoveryEventSubtype,
                HostIp = host.Address,
            },
            DeviceId = (uint)device + 1,
            IngressZone = InsideZone,
            EgressZone = OutsideZone,
            IngressInterface = InsideInterface,
            EgressInterface = OutsideInterface,
            InitiatorIp = host.Address,
            ResponderIp = RandomExternal(),
            AccessControlPolicyRevision = AccessPolicy,
            AccessControlRuleId = ((AccessControlRuleRecord)AccessRules[rule]).RuleId,
            RuleAction = 2,
            InitiatorPort = (ushort)_random.Next(1024, 65535),
            ResponderPort = 443,
            IpProtocol = 6,
            ConnectionCounter = (ushort)_random.Next(1, 65535),
            FirstPacketSecond = now - (uint)_random.Next(0, 30),
            LastPacketSecond = now,
            InitiatorPackets = (ulong)_random.Next(1, 500),
            ResponderPackets = (ulong)_random.Next(1, 500),
            InitiatorBytes = (ulong)_random.Next(100, 500_000),
            ResponderBytes = (ulong)_random.Next(100, 5_000_000),
            UserId = user.Id,
            ClientUrl = "https://portal.example.com/",
            ResponderCountry = ((GeolocationRecord)Countries[country]).CountryCode,
            SslServerName = "portal.example.com",
            DnsQuery = "portal.example.com",
        };
        yield return (now, record, [Devices[device], AccessPolicies[device], AccessRules[rule], Zones[0], Zones[1], Interfaces[0], Interfaces[1], Countries[country], UserMetadata(user)]);
    }

    private IEnumerable<(uint, IRecord, IReadOnlyList<IRecord>)> UserLogin(uint now)
    {
        var device = _random.Next(Devices.Length);
        var host = Hosts[_random.Next(Hosts.Count)];
        var user = Users[_random.Next(Users.Length)];
        yield return (now, new UserActivityRecord
        {
            RecordType = RecordType.UserLogin,
            Header = new DiscoveryHeader
            {
                DeviceId = (uint)device + 1,
                MacAddress = host.MacAddress,
                EventSecond = now,
                EventType = DiscoveryEventType.UserActivity,
                EventSubtype = 2,
                HostIp = host.Address,
            },
            LoginTimestamp = now,
            UserName = user.Name,
            Domain = user.Domain,
            UserId = user.Id,
            Protocol = 710,
            Email = $"{user.Name}@example.com",
            IPv6Address = host.Address,
            LoginType = 1,
            ReportedBy = "ISE",
        }, [Devices[device], UserMetadata(user)]);
    }

    private IEnumerable<(uint, IRecord, IReadOnlyList<IRecord>)> Correlation(uint now)
    {
        var device = _random.Next(Devices.Length);
        var (rule, _) = Rules[_random.Next(Rules.Count)];
        yield return (now, new CorrelationEventRecord
        {
            DeviceId = (uint)device + 1,
            EventSecond = now,
            EventId = ++_eventId,
            PolicyId = 1,
            RuleId = 1,
            Priority = 2,
            Description = $"Correlation rule 'Repeated intrusion' fired for {rule.Message}",
            EventType = 1,
            EventDeviceId = (uint)device + 1,
            SignatureId = rule.RuleId,
            SignatureGeneratorId = rule.GeneratorId,
            TriggerEventSecond = now,
            SourceIp = RandomExternal(),
            DestinationIp = Hosts[_random.Next(Hosts.Count)].Address,
            IpProtocol = 6,
            DestinationPort = 443,
        }, [Devices[device], rule]);
    }

    private static IRecord UserMetadata((uint Id, string Name, string Domain) user) =>
        new UserRecord { UserId = user.Id, Protocol = 710, UserName = user.Name };

    private IPAddress RandomExternal() => new([198, 51, 100, (byte)_random.Next(1, 255)]);

    private static byte[] SamplePacket(IPAddress source, IPAddress destination)
    {
        // Ethernet + IPv4 + TCP headers (54 bytes) with a short payload; enough for a client to show a packet.
        var packet = new byte[64];
        packet[12] = 0x08;
        packet[14] = 0x45;
        packet[23] = 6;
        source.MapToIPv4().TryWriteBytes(packet.AsSpan(26, 4), out _);
        destination.MapToIPv4().TryWriteBytes(packet.AsSpan(30, 4), out _);
        "GET /login HTTP/1.1"u8.CopyTo(packet.AsSpan(54 - 9));
        return packet;
    }
}

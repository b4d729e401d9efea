using Bogus;
using EStreamer.Protocol.Records.Connection;
using EStreamer.Protocol.Records.Discovery;

namespace EStreamer.Scenarios.Generators;

/// <summary>Connection statistics (record 71): an inside host talking to the outside through the device.</summary>
internal sealed class ConnectionGenerator
{
    private static readonly ushort[] RuleActions = [1, 1, 1, 2, 6];

    private readonly GeneratorContext _context;
    private readonly Faker<ConnectionStatisticsRecord> _faker;

    public ConnectionGenerator(GeneratorContext context, int seed)
    {
        _context = context;
        _faker = new Faker<ConnectionStatisticsRecord>()
            .UseSeed(seed)
            .UseDateTimeReference(GeneratorContext.DateReference)
            .CustomInstantiator(f =>
            {
                var host = f.PickRandom(context.Hosts.Hosts);
                var service = f.PickRandom(NetworkFacts.Services);
                var web = service.Scheme is "http" or "https";
                var server = f.PickRandom(context.Hosts.Domains);
                var users = context.Users;
                var initiatorPackets = (ulong)f.Random.Int(1, 2_000);
                var responderPackets = (ulong)f.Random.Int(1, 4_000);
                return new ConnectionStatisticsRecord
                {
                    Header = new DiscoveryHeader
                    {
                        MacAddress = host.Mac,
                        EventType = DiscoveryEventType.Connection,
                        EventSubtype = ConnectionStatisticsRecord.DiscoveryEventSubtype,
                        HostIp = host.Address,
                    },
                    DeviceId = f.PickRandom(context.DeviceIds),
                    IngressZone = ScenarioWorld.InsideZone,
                    EgressZone = ScenarioWorld.OutsideZone,
                    IngressInterface = ScenarioWorld.InsideInterface,
                    EgressInterface = ScenarioWorld.OutsideInterface,
                    InitiatorIp = host.Address,
                    ResponderIp = NetworkFacts.ExternalAddress(f),
                    RuleAction = f.PickRandom(RuleActions),
                    InitiatorPort = NetworkFacts.EphemeralPort(f),
                    ResponderPort = service.Port,
                    TcpFlags = service.Protocol == NetworkFacts.Tcp ? (ushort)0x1B : (ushort)0,
                    IpProtocol = service.Protocol,
                    SnortInstanceId = (ushort)f.Random.Int(1, 8),
                    ConnectionCounter = (ushort)f.Random.Int(1, 65535),
                    InitiatorPackets = initiatorPackets,
                    ResponderPackets = responderPackets,
                    InitiatorBytes = initiatorPackets * (ulong)f.Random.Int(60, 600),
                    ResponderBytes = responderPackets * (ulong)f.Random.Int(60, 1_400),
                    UserId = users.Length > 0 && f.Random.Bool(0.5f) ? f.PickRandom(users).Id : 0,
                    ClientUrl = web ? $"{service.Scheme}://{server}{f.PickRandom(context.Hosts.Paths)}" : string.Empty,
                    VlanId = (ushort)f.Random.Int(0, 20),
                    ReferencedHost = web ? server : string.Empty,
                    UserAgent = web ? f.PickRandom(NetworkFacts.UserAgents) : string.Empty,
                    SslServerName = service.Scheme == "https" ? server : string.Empty,
                    HttpResponseCode = web ? f.PickRandom(NetworkFacts.HttpResponseCodes) : 0,
                    DnsQuery = service.Scheme == "dns" ? server : string.Empty,
                    DnsRecordType = service.Scheme == "dns" ? (ushort)1 : (ushort)0,
                    DnsTtl = service.Scheme == "dns" ? (uint)f.Random.Int(30, 86_400) : 0,
                    SecurityContext = new byte[16],
                    SslCertificateFingerprint = service.Scheme == "https" ? f.Random.Bytes(20) : new byte[20],
                    SslSessionId = new byte[32],
                    SslTicketId = new byte[20],
                    FirstPacketSecond = (uint)f.Random.Int(0, 300),
                };
            });
    }

    public IReadOnlyList<GeneratedRecord> Generate(GenerationRequest request)
    {
        var draft = _faker.Generate();
        var given = request.Given;
        var world = _context.World;
        var second = request.Stamp.Second;
        var device = given.DeviceId ?? draft.DeviceId;
        var policy = given.AccessPolicy ?? _context.AccessPolicyFor(device);
        var accessRule = given.AccessRuleId
            ?? (policy?.Rules.Count > 0 ? policy.Rules[draft.ConnectionCounter % policy.Rules.Count].Id : 0);
        var initiator = given.SourceIp ?? draft.InitiatorIp;
        var responder = given.DestinationIp ?? draft.ResponderIp;

        // The generated FirstPacketSecond holds the connection's length in seconds until it is placed in time here.
        var length = given.ConnectionDuration is { } span ? (uint)Math.Min(span.TotalSeconds, second) : Math.Min(draft.FirstPacketSecond, second);
        var record = draft with
        {
            Header = draft.Header with
            {
                DeviceId = device,
                EventSecond = second,
                EventMicrosecond = request.Stamp.Microsecond,
                HostIp = initiator,
                MacAddress = _context.MacOf(initiator),
            },
            DeviceId = device,
            InitiatorIp = initiator,
            ResponderIp = responder,
            InitiatorCountry = NetworkFacts.CountryOf(initiator),
            ResponderCountry = NetworkFacts.CountryOf(responder),
            InitiatorPort = given.SourcePort ?? draft.InitiatorPort,
            ResponderPort = given.DestinationPort ?? draft.ResponderPort,
            IpProtocol = given.Protocol ?? draft.IpProtocol,
            AccessControlPolicyRevision = policy?.Uuid ?? Guid.Empty,
            AccessControlRuleId = accessRule,
            RuleAction = given.RuleAction ?? draft.RuleAction,
            FirstPacketSecond = second - length,
            LastPacketSecond = second,
            InitiatorBytes = given.InitiatorBytes ?? draft.InitiatorBytes,
            ResponderBytes = given.ResponderBytes ?? draft.ResponderBytes,
            InitiatorPackets = given.InitiatorPackets ?? draft.InitiatorPackets,
            ResponderPackets = given.ResponderPackets ?? draft.ResponderPackets,
            UserId = given.User?.Id ?? draft.UserId,
            ClientUrl = given.Url ?? draft.ClientUrl,
            DnsQuery = given.DnsQuery ?? draft.DnsQuery,
            SslServerName = given.SslServerName ?? draft.SslServerName,
            VlanId = given.VlanId ?? draft.VlanId,
        };

        var metadata = new MetadataList()
            .Add(world.Device(device))
            .Add(policy is null ? null : world.AccessPolicy(policy, device))
            .Add(world.AccessRule(accessRule))
            .AddRange(world.Zones)
            .AddRange(world.Interfaces)
            .Add(world.Country(record.InitiatorCountry))
            .Add(world.Country(record.ResponderCountry))
            .Add(record.UserId == 0 ? null : world.User(record.UserId))
            .ToList();
        return [new GeneratedRecord(record, metadata)];
    }
}

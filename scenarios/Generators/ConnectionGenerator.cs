using EStreamer.Protocol.Records.Connection;
using EStreamer.Protocol.Records.Discovery;

namespace EStreamer.Scenarios.Generators;

/// <summary>Connection statistics (record 71): an inside host talking to the outside through the device.</summary>
internal sealed class ConnectionGenerator
{
    private static readonly ushort[] RuleActions = [1, 1, 1, 2, 6];
    private static readonly byte[] NoFingerprint = new byte[20];

    private readonly GeneratorContext _context;
    private readonly Draws _random;

    public ConnectionGenerator(GeneratorContext context, int seed)
    {
        _context = context;
        _random = new Draws(seed);
    }

    public IReadOnlyList<GeneratedRecord> Generate(GenerationRequest request)
    {
        var draft = NewDraft(_random);
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

        var metadata = new MetadataList(_context)
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

    private ConnectionStatisticsRecord NewDraft(Draws d)
    {
        var host = d.Pick(_context.Hosts.Hosts);
        var service = d.Pick(NetworkFacts.Services);
        var web = service.Scheme is "http" or "https";
        var server = d.Pick(_context.Hosts.Domains);
        var users = _context.Users;
        var initiatorPackets = (ulong)d.Int(1, 2_000);
        var responderPackets = (ulong)d.Int(1, 4_000);
        return new ConnectionStatisticsRecord
        {
            Header = new DiscoveryHeader
            {
                MacAddress = host.Mac,
                EventType = DiscoveryEventType.Connection,
                EventSubtype = ConnectionStatisticsRecord.DiscoveryEventSubtype,
                HostIp = host.Address,
            },
            DeviceId = d.Pick(_context.DeviceIds),
            IngressZone = ScenarioWorld.InsideZone,
            EgressZone = ScenarioWorld.OutsideZone,
            IngressInterface = ScenarioWorld.InsideInterface,
            EgressInterface = ScenarioWorld.OutsideInterface,
            InitiatorIp = host.Address,
            ResponderIp = NetworkFacts.ExternalAddress(d),
            RuleAction = d.Pick(RuleActions),
            InitiatorPort = NetworkFacts.EphemeralPort(d),
            ResponderPort = service.Port,
            TcpFlags = service.Protocol == NetworkFacts.Tcp ? (ushort)0x1B : (ushort)0,
            IpProtocol = service.Protocol,
            SnortInstanceId = (ushort)d.Int(1, 8),
            ConnectionCounter = (ushort)d.Int(1, 65535),
            InitiatorPackets = initiatorPackets,
            ResponderPackets = responderPackets,
            InitiatorBytes = initiatorPackets * (ulong)d.Int(60, 600),
            ResponderBytes = responderPackets * (ulong)d.Int(60, 1_400),
            UserId = users.Length > 0 && d.Bool(0.5) ? d.Pick(users).Id : 0,
            ClientUrl = web ? $"{service.Scheme}://{server}{d.Pick(_context.Hosts.Paths)}" : string.Empty,
            VlanId = (ushort)d.Int(0, 20),
            ReferencedHost = web ? server : string.Empty,
            UserAgent = web ? d.Pick(NetworkFacts.UserAgents) : string.Empty,
            SslServerName = service.Scheme == "https" ? server : string.Empty,
            HttpResponseCode = web ? d.Pick(NetworkFacts.HttpResponseCodes) : 0,
            DnsQuery = service.Scheme == "dns" ? server : string.Empty,
            DnsRecordType = service.Scheme == "dns" ? (ushort)1 : (ushort)0,
            DnsTtl = service.Scheme == "dns" ? (uint)d.Int(30, 86_400) : 0,

            // Security context, session and ticket IDs keep the record's shared zeros; only HTTPS has a certificate.
            SslCertificateFingerprint = service.Scheme == "https" ? d.Bytes(20) : NoFingerprint,
            FirstPacketSecond = (uint)d.Int(0, 300),
        };
    }
}

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
        // Everything random is drawn first, in one fixed order, then the record is built once with what the scenario gives winning.
        var d = _random;
        var host = d.Pick(_context.Hosts.Hosts);
        var service = d.Pick(NetworkFacts.Services);
        var web = service.Scheme is "http" or "https";
        var server = d.Pick(_context.Hosts.Domains);
        var users = _context.Users;
        var initiatorPackets = (ulong)d.Int(1, 2_000);
        var responderPackets = (ulong)d.Int(1, 4_000);
        var drawnDevice = d.Pick(_context.DeviceIds);
        var drawnResponder = _context.Hosts.OutsideAddress(d);
        var ruleAction = d.Pick(RuleActions);
        var initiatorPort = NetworkFacts.EphemeralPort(d);
        var snortInstance = (ushort)d.Int(1, 8);
        var connectionCounter = (ushort)d.Int(1, 65535);
        var initiatorBytes = initiatorPackets * (ulong)d.Int(60, 600);
        var responderBytes = responderPackets * (ulong)d.Int(60, 1_400);
        var userId = users.Length > 0 && d.Bool(0.5) ? d.Pick(users).Id : 0;
        var clientUrl = web ? _context.Url(service.Scheme, server, d.Pick(_context.Hosts.Paths)) : string.Empty;
        var vlan = (ushort)d.Int(0, 20);
        var userAgent = web ? d.Pick(NetworkFacts.UserAgents) : string.Empty;
        var httpResponse = web ? d.Pick(NetworkFacts.HttpResponseCodes) : 0;
        var dns = service.Scheme == "dns";
        var dnsTtl = dns ? (uint)d.Int(30, 86_400) : 0;
        var fingerprint = service.Scheme == "https" ? d.Bytes(20) : NoFingerprint;
        var drawnLength = (uint)d.Int(0, 300);

        var given = request.Given;
        var world = _context.World;
        var second = request.Stamp.Second;
        var device = given.DeviceId ?? drawnDevice;
        var policy = given.AccessPolicy ?? _context.AccessPolicyFor(device);
        var accessRule = given.AccessRuleId
            ?? (policy?.Rules.Count > 0 ? policy.Rules[connectionCounter % policy.Rules.Count].Id : 0);
        var initiator = given.SourceIp ?? host.Address;
        var responder = given.DestinationIp ?? drawnResponder;
        var length = given.ConnectionDuration is { } span ? (uint)Math.Min(span.TotalSeconds, second) : Math.Min(drawnLength, second);
        var record = new ConnectionStatisticsRecord
        {
            Header = new DiscoveryHeader
            {
                DeviceId = device,
                MacAddress = _context.MacOf(initiator),
                EventSecond = second,
                EventMicrosecond = request.Stamp.Microsecond,
                EventType = DiscoveryEventType.Connection,
                EventSubtype = ConnectionStatisticsRecord.DiscoveryEventSubtype,
                HostIp = initiator,
            },
            DeviceId = device,
            IngressZone = ScenarioWorld.InsideZone,
            EgressZone = ScenarioWorld.OutsideZone,
            IngressInterface = ScenarioWorld.InsideInterface,
            EgressInterface = ScenarioWorld.OutsideInterface,
            InitiatorIp = initiator,
            ResponderIp = responder,
            InitiatorCountry = NetworkFacts.CountryOf(initiator),
            ResponderCountry = NetworkFacts.CountryOf(responder),
            AccessControlPolicyRevision = policy?.Uuid ?? Guid.Empty,
            AccessControlRuleId = accessRule,
            RuleAction = given.RuleAction ?? ruleAction,
            InitiatorPort = given.SourcePort ?? initiatorPort,
            ResponderPort = given.DestinationPort ?? service.Port,
            TcpFlags = service.Protocol == NetworkFacts.Tcp ? (ushort)0x1B : (ushort)0,
            IpProtocol = given.Protocol ?? service.Protocol,
            SnortInstanceId = snortInstance,
            ConnectionCounter = connectionCounter,
            FirstPacketSecond = second - length,
            LastPacketSecond = second,
            InitiatorPackets = given.InitiatorPackets ?? initiatorPackets,
            ResponderPackets = given.ResponderPackets ?? responderPackets,
            InitiatorBytes = given.InitiatorBytes ?? initiatorBytes,
            ResponderBytes = given.ResponderBytes ?? responderBytes,
            UserId = given.User?.Id ?? userId,
            ClientUrl = given.Url ?? clientUrl,
            VlanId = given.VlanId ?? vlan,
            ReferencedHost = web ? server : string.Empty,
            UserAgent = userAgent,
            SslServerName = given.SslServerName ?? (service.Scheme == "https" ? server : string.Empty),
            HttpResponseCode = httpResponse,
            DnsQuery = given.DnsQuery ?? (dns ? server : string.Empty),
            DnsRecordType = dns ? (ushort)1 : (ushort)0,
            DnsTtl = dnsTtl,

            // Security context, session and ticket IDs keep the record's shared zeros; only HTTPS has a certificate.
            SslCertificateFingerprint = fingerprint,
        };

        var metadata = _context.Metadata()
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

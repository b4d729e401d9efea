using System.Net;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Intrusion;
using EStreamer.Scenarios.Loading;
using EStreamer.Scenarios.Model;

namespace EStreamer.Scenarios.Generators;

/// <summary>
/// Intrusion events (record 400) with their companions: packet (record 2) and extra data (record 110). Rules
/// come from the scenario's metadata, so remapped rules show up in generated traffic too; the event carries
/// the internal rule ID and its metadata list holds the rule message (record 66) with the rendered SID.
/// </summary>
internal sealed class IntrusionGenerator
{
    // Extra-data types by the names record 111 describes them with (Snort's numbering, reference 11.14).
    private static readonly uint HttpUri = Names.ExtraDataTypes["http-uri"].Id;
    private static readonly uint OriginalClientIPv4 = Names.ExtraDataTypes["original-client-ipv4"].Id;
    private static readonly uint OriginalClientIPv6 = Names.ExtraDataTypes["original-client-ipv6"].Id;

    private static readonly byte[] ImpactFlagChoices = [0x00, 0x01, 0x03, 0x03, 0x07, 0x07, 0x0F, 0x1F];
    private static readonly byte[] BlockedChoices = [0, 1, 2];
    private static readonly double[] BlockedWeights = [0.7, 0.2, 0.1];
    private static readonly Guid NetworkAnalysisPolicy = StableUuid.For("network-analysis-policy", "default");

    // The fingerprint of a connection without a certificate: one array for every such event (it is never written to).
    private static readonly byte[] NoFingerprint = new byte[20];

    private readonly GeneratorContext _context;
    private readonly Draws _random;
    private readonly RuleDefinition[] _rules;

    public IntrusionGenerator(GeneratorContext context, int seed)
    {
        _context = context;
        _rules = context.World.Metadata.Rules.ToArray();
        _random = new Draws(seed);
    }

    public IReadOnlyList<GeneratedRecord> Generate(GenerationRequest request)
    {
        var draft = MakeDraft(_random);
        var given = request.Given;
        var world = _context.World;
        var rule = given.Rule ?? draft.Rule;
        var flags = given.ImpactFlags ?? (given.Impact is { } level ? NetworkFacts.ImpactFlagsFor(level) : draft.Record.ImpactFlags);
        var device = given.DeviceId ?? draft.Record.DeviceId;
        var intrusionPolicy = given.IntrusionPolicy ?? world.Metadata.IntrusionPolicies.FirstOrDefault();
        var accessPolicy = given.AccessPolicy ?? _context.AccessPolicyFor(device);
        var accessRule = accessPolicy?.Rules.Count > 0 ? accessPolicy.Rules[(int)(draft.Record.ConnectionCounter % accessPolicy.Rules.Count)].Id : 0;
        var second = request.Stamp.Second;
        var source = given.SourceIp ?? draft.Record.SourceIp;
        var destination = given.DestinationIp ?? draft.Record.DestinationIp;

        var record = draft.Record with
        {
            DeviceId = device,
            EventId = given.EventId ?? _context.Ids.Next(),
            EventSecond = second,
            EventMicrosecond = request.Stamp.Microsecond,
            RuleId = rule.RuleId,
            GeneratorId = rule.GeneratorId,
            RuleRevision = given.Revision ?? rule.Revision,
            ClassificationId = given.ClassificationId ?? rule.ClassificationId,
            PriorityId = given.PriorityId ?? rule.PriorityId,
            SourceIp = source,
            DestinationIp = destination,
            SourceCountry = NetworkFacts.CountryOf(source),
            DestinationCountry = NetworkFacts.CountryOf(destination),
            SourcePortOrIcmpType = given.SourcePort ?? draft.Record.SourcePortOrIcmpType,
            DestinationPortOrIcmpCode = given.DestinationPort ?? draft.Record.DestinationPortOrIcmpCode,
            IpProtocol = given.Protocol ?? draft.Record.IpProtocol,
            ImpactFlags = flags,
            Impact = given.Impact ?? NetworkFacts.ImpactLevel(flags),
            Blocked = given.Blocked ?? draft.Record.Blocked,
            VlanId = given.VlanId ?? draft.Record.VlanId,
            IntrusionPolicyUuid = intrusionPolicy?.Uuid ?? Guid.Empty,
            AccessControlPolicyUuid = accessPolicy?.Uuid ?? Guid.Empty,
            AccessControlRuleId = accessRule,
            UserId = given.User?.Id ?? draft.Record.UserId,
            ConnectionTimestamp = second,
            HttpHostname = given.HttpHostname ?? draft.Record.HttpHostname,
            HttpUri = given.HttpUri ?? draft.Record.HttpUri,
        };
        _context.LastIntrusion = record;

        var metadata = _context.Metadata()
            .Add(world.Device(record.DeviceId))
            .Add(world.Rule(rule))
            .Add(world.Classification(record.ClassificationId))
            .Add(world.Priority(record.PriorityId))
            .Add(intrusionPolicy is null ? null : world.IntrusionPolicy(intrusionPolicy))
            .Add(accessPolicy is null ? null : world.AccessPolicy(accessPolicy, record.DeviceId))
            .Add(world.AccessRule(accessRule))
            .AddRange(world.Zones)
            .AddRange(world.Interfaces)
            .Add(world.Country(record.SourceCountry))
            .Add(world.Country(record.DestinationCountry))
            .Add(record.UserId == 0 ? null : world.User(record.UserId))
            .ToList();

        var records = new List<GeneratedRecord> { new(record, metadata) };
        // The drafted payload fits the drafted service; a port or protocol the scenario set gets one of its own.
        var payload = record.DestinationPortOrIcmpCode == draft.Record.DestinationPortOrIcmpCode && record.IpProtocol == draft.Record.IpProtocol
            ? draft.Payload
            : ServicePayload.ForPort(record.EventId, record.DestinationPortOrIcmpCode, record.IpProtocol, record.HttpHostname, record.HttpUri);
        AddPacket(records, record, given.Packet ?? (request.AutoCompanions && _context.Packets ? new PacketSpec(null, null) : null), payload);
        var extraData = given.ExtraData ?? (request.AutoCompanions && _context.ExtraData ? AutoExtraData(record, draft) : null);

        // The event's own original-client field names the client its extra data names (block 85 carries both).
        if (OriginalClientOf(extraData) is { } original)
        {
            record = record with { OriginalClientIp = NetworkFacts.Plain(new IPAddress(original.Data.AsSpan())) };
            records[0] = records[0] with { Record = record };
            _context.LastIntrusion = record;
        }

        foreach (var item in extraData ?? [])
        {
            var extra = new ExtraDataRecord { DeviceId = record.DeviceId, EventId = record.EventId, EventSecond = second, ExtraDataType = item.Type, Data = item.Data };
            records.Add(new GeneratedRecord(extra, _context.Metadata().Add(world.Device(record.DeviceId)).Add(world.ExtraDataType(item.Type)).ToList()));
        }

        return records;
    }

    private static ExtraDataItem? OriginalClientOf(IReadOnlyList<ExtraDataItem>? items)
    {
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            if (items![i].Type == OriginalClientIPv6 || items[i].Type == OriginalClientIPv4)
            {
                return items[i];
            }
        }

        return null;
    }

    private void AddPacket(List<GeneratedRecord> records, IntrusionEventRecord record, PacketSpec? spec, byte[] payload)
    {
        if (spec is null)
        {
            return;
        }

        // Hex bytes are sent as given; otherwise the frame is built around the event, MACs from the hosts.
        var endpoints = new SamplePacket.Endpoints(record.SourceIp, _context.MacOf(record.SourceIp), record.DestinationIp, _context.MacOf(record.DestinationIp));
        var sequence = (uint)Seeds.Derive((int)record.EventId, "tcp-sequence", (int)record.EventSecond);
        var bytes = spec.Bytes ?? SamplePacket.Build(
            endpoints,
            record.SourcePortOrIcmpType,
            record.DestinationPortOrIcmpCode,
            record.IpProtocol,
            sequence,
            spec.Payload ?? payload);
        var packet = new PacketRecord(record.DeviceId, record.EventId, record.EventSecond, record.EventSecond, record.EventMicrosecond, PacketRecord.Ethernet, bytes);
        records.Add(new GeneratedRecord(packet, _context.DeviceOnly(record.DeviceId)));
    }

    private List<ExtraDataItem> AutoExtraData(IntrusionEventRecord record, Draft draft)
    {
        var items = new List<ExtraDataItem>();
        if (record.HttpUri.Length > 0)
        {
            items.Add(new ExtraDataItem(HttpUri, _context.Utf8(record.HttpUri)));
        }

        // The original client goes in type 2's 16 bytes, an IPv4 client as ::ffff:a.b.c.d, as record 111 describes
        // it: eNcore fills its original client address from type 2 only (and reads IPv4 from the mapped form).
        if (draft.OriginalClient is { } client)
        {
            var plain = NetworkFacts.Plain(client);
            var slot = plain.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? plain.MapToIPv6() : plain;
            items.Add(new ExtraDataItem(OriginalClientIPv6, slot.GetAddressBytes()));
        }

        return items;
    }

    private Draft MakeDraft(Draws d)
    {
        var rule = d.Pick(_rules);
        var host = d.Pick(_context.Hosts.Hosts);
        var external = _context.Hosts.OutsideAddress(d);
        var service = d.Pick(NetworkFacts.Services);
        var inbound = d.Bool(0.6);
        var web = service.Scheme is "http" or "https";
        var hostname = web ? d.Pick(_context.Hosts.Domains) : string.Empty;
        var uri = web ? d.Pick(_context.Hosts.Paths) : string.Empty;
        var flags = d.Pick(ImpactFlagChoices);
        var users = _context.Users;
        var record = new IntrusionEventRecord
        {
            DeviceId = d.Pick(_context.DeviceIds),
            SourceIp = inbound ? external : host.Address,
            DestinationIp = inbound ? host.Address : external,
            SourcePortOrIcmpType = NetworkFacts.EphemeralPort(d),
            DestinationPortOrIcmpCode = service.Port,
            IpProtocol = service.Protocol,
            ImpactFlags = flags,
            Blocked = d.Weighted(BlockedChoices, BlockedWeights),
            VlanId = (ushort)d.Int(0, 20),
            UserId = users.Length > 0 && d.Bool(0.3) ? d.Pick(users).Id : 0,
            IngressInterfaceUuid = inbound ? ScenarioWorld.OutsideInterface : ScenarioWorld.InsideInterface,
            EgressInterfaceUuid = inbound ? ScenarioWorld.InsideInterface : ScenarioWorld.OutsideInterface,
            IngressZoneUuid = inbound ? ScenarioWorld.OutsideZone : ScenarioWorld.InsideZone,
            EgressZoneUuid = inbound ? ScenarioWorld.InsideZone : ScenarioWorld.OutsideZone,
            ConnectionInstanceId = (ushort)d.Int(1, 8),
            ConnectionCounter = (ushort)d.Int(1, 65535),
            SslCertificateFingerprint = service.Scheme == "https" ? d.Bytes(20) : NoFingerprint,
            NetworkAnalysisPolicyUuid = NetworkAnalysisPolicy,
            HttpResponseCode = web ? d.Pick(NetworkFacts.HttpResponseCodes) : 0,
            SnortVersion = 3,
            HttpHostname = hostname,
            HttpUri = uri,
        };
        var payload = ServicePayload.For(d, service.Scheme, web ? hostname : d.Pick(_context.Hosts.Domains), uri);
        IPAddress? originalClient = web && d.Bool(0.25) ? _context.Hosts.OutsideAddress(d) : null;
        return new Draft(record, rule, payload, originalClient);
    }

    /// <summary>Everything random about one intrusion event, drawn in one go from the event's draws.</summary>
    private sealed record Draft(IntrusionEventRecord Record, RuleDefinition Rule, byte[] Payload, IPAddress? OriginalClient);
}

using EStreamer.Protocol.Records.Correlation;
using EStreamer.Scenarios.Model;

namespace EStreamer.Scenarios.Generators;

/// <summary>
/// Correlation events (record 112). One about an intrusion event copies its rule (signature ID and generator
/// ID, for the rule-message lookup of reference 13), time, device and addresses.
/// </summary>
internal sealed class CorrelationGenerator
{
    private static readonly string[] RuleNames = ["Repeated intrusion from one source", "Intrusion against a critical host", "Outbound traffic after malware", "Admin login outside business hours"];

    private readonly GeneratorContext _context;
    private readonly Draws _random;
    private readonly RuleDefinition[] _rules;

    public CorrelationGenerator(GeneratorContext context, int seed)
    {
        _context = context;
        _rules = context.World.Metadata.Rules.ToArray();
        _random = new Draws(seed);
    }

    public IReadOnlyList<GeneratedRecord> Generate(GenerationRequest request)
    {
        var draft = NewDraft(_random);
        var given = request.Given;
        var about = request.Related ?? (request.AutoCompanions ? _context.LastIntrusion : null);
        var rule = given.Rule
            ?? (about is null ? null : _context.RuleOf(about.GeneratorId, about.RuleId))
            ?? draft.Rule;
        var device = given.DeviceId ?? about?.DeviceId ?? draft.Record.DeviceId;
        var source = given.SourceIp ?? about?.SourceIp ?? draft.Record.SourceIp;
        var destination = given.DestinationIp ?? about?.DestinationIp ?? draft.Record.DestinationIp;
        var record = draft.Record with
        {
            DeviceId = device,
            EventSecond = request.Stamp.Second,
            EventId = given.EventId ?? _context.Ids.Next(),
            PolicyId = given.CorrelationPolicyId ?? draft.Record.PolicyId,
            RuleId = given.CorrelationRuleId ?? draft.Record.RuleId,
            Priority = given.CorrelationPriority ?? draft.Record.Priority,
            Description = given.Description ?? _context.SharedText($"{draft.Record.Description}: {rule.Message}"),
            EventDeviceId = about?.DeviceId ?? device,
            SignatureId = rule.RuleId,
            SignatureGeneratorId = rule.GeneratorId,
            TriggerEventSecond = about?.EventSecond ?? request.Stamp.Second,
            TriggerEventMicrosecond = about?.EventMicrosecond ?? request.Stamp.Microsecond,
            DeviceEventId = about?.EventId ?? 0,
            ImpactFlags = about?.ImpactFlags ?? draft.Record.ImpactFlags,
            Impact = NetworkFacts.ImpactLevel(about?.ImpactFlags ?? draft.Record.ImpactFlags),
            Blocked = about?.Blocked ?? 0,
            IpProtocol = given.Protocol ?? about?.IpProtocol ?? draft.Record.IpProtocol,
            SourceIp = source,
            DestinationIp = destination,
            SourceIPv4 = NetworkFacts.IPv4Of(source),
            DestinationIPv4 = NetworkFacts.IPv4Of(destination),
            SourceCountry = NetworkFacts.CountryOf(source),
            DestinationCountry = NetworkFacts.CountryOf(destination),
            SourcePort = given.SourcePort ?? about?.SourcePortOrIcmpType ?? draft.Record.SourcePort,
            DestinationPort = given.DestinationPort ?? about?.DestinationPortOrIcmpCode ?? draft.Record.DestinationPort,
            SourceUserId = given.User?.Id ?? 0,
            IntrusionPolicy = about?.IntrusionPolicyUuid ?? Guid.Empty,
        };

        var metadata = _context.Metadata()
            .Add(_context.World.Device(device))
            .Add(_context.World.Rule(rule))
            .Add(_context.World.Country(record.SourceCountry))
            .Add(_context.World.Country(record.DestinationCountry))
            .Add(record.SourceUserId == 0 ? null : _context.World.User(record.SourceUserId))
            .ToList();
        return [new GeneratedRecord(record, metadata)];
    }

    private Draft NewDraft(Draws d)
    {
        var host = d.Pick(_context.Hosts.Hosts);
        var service = d.Pick(NetworkFacts.Services);
        var ruleIndex = d.Int(0, RuleNames.Length - 1);
        var record = new CorrelationEventRecord
        {
            DeviceId = d.Pick(_context.DeviceIds),
            PolicyId = (uint)d.Int(1, 3),
            RuleId = (uint)ruleIndex + 1,
            Priority = (uint)d.Int(1, 5),
            Description = RuleNames[ruleIndex],
            EventType = 1,
            SourceIp = _context.Hosts.OutsideAddress(d),
            DestinationIp = host.Address,
            SourcePort = NetworkFacts.EphemeralPort(d),
            DestinationPort = service.Port,
            IpProtocol = service.Protocol,
            ImpactFlags = d.Pick<byte>([0x01, 0x03, 0x07]),
        };
        return new Draft(record, d.Pick(_rules));
    }

    private sealed record Draft(CorrelationEventRecord Record, RuleDefinition Rule);
}

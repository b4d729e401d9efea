using EStreamer.Protocol.Records.Intrusion;

namespace EStreamer.Scenarios.Generators;

/// <summary>
/// Intrusion impact alerts (record 9). An alert about a given intrusion event takes that event's identity
/// (device, event ID, event second) and addresses; a free-standing one gets an identity of its own at its time.
/// </summary>
internal sealed class ImpactAlertGenerator
{
    private static readonly byte[] FlagChoices = [0x01, 0x03, 0x07, 0x0F, 0x1F, 0x5F];

    private readonly GeneratorContext _context;
    private readonly Draws _random;

    public ImpactAlertGenerator(GeneratorContext context, int seed)
    {
        _context = context;
        _random = new Draws(seed);
    }

    public IReadOnlyList<GeneratedRecord> Generate(GenerationRequest request)
    {
        var draft = NewDraft(_random);
        var given = request.Given;
        var about = request.Related;
        var flags = given.ImpactFlags ?? about?.ImpactFlags ?? (byte)draft.Impact;
        var level = NetworkFacts.ImpactLevel(flags);
        var rule = about is null
            ? null
            : _context.RuleOf(about.GeneratorId, about.RuleId);
        var record = draft with
        {
            EventId = given.EventId ?? about?.EventId ?? _context.Ids.Next(),
            DeviceId = given.DeviceId ?? about?.DeviceId ?? draft.DeviceId,
            EventSecond = about?.EventSecond ?? request.Stamp.Second,
            Impact = flags,
            SourceIp = given.SourceIp ?? about?.SourceIp ?? draft.SourceIp,
            DestinationIp = given.DestinationIp ?? about?.DestinationIp ?? draft.DestinationIp,
            Description = given.Description ?? _context.SharedText($"[Impact: {NetworkFacts.ImpactLabel(level)}] {rule?.Message ?? draft.Description}"),
        };
        return [new GeneratedRecord(record, _context.DeviceOnly(record.DeviceId))];
    }

    private ImpactAlertRecord NewDraft(Draws d)
    {
        var host = d.Pick(_context.Hosts.Hosts);
        return new ImpactAlertRecord
        {
            DeviceId = d.Pick(_context.DeviceIds),
            Impact = d.Pick(FlagChoices),
            SourceIp = _context.Hosts.OutsideAddress(d),
            DestinationIp = host.Address,
            Description = d.Pick(_context.Words.HackerPhrases),
        };
    }
}

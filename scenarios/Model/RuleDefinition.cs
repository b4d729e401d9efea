namespace EStreamer.Scenarios.Model;

/// <summary>
/// An intrusion rule. Events carry (<see cref="GeneratorId"/>, <see cref="RuleId"/>); record 66 adds the
/// <see cref="RenderedSid"/> users see, which differs from the rule ID for a remapped local rule (reference 13).
/// <see cref="Revision"/> is what events carry; record 66's own revision field stays 0 as the guide documents.
/// </summary>
internal sealed record RuleDefinition(
    string? Key,
    uint GeneratorId,
    uint RuleId,
    uint RenderedSid,
    uint Revision,
    string Message,
    uint ClassificationId,
    uint PriorityId,
    Guid Uuid,
    Guid RevisionUuid)
{
    public bool IsRemapped => RenderedSid != RuleId;

    /// <summary>How the rule is named in messages: its key, or gid:rule-id.</summary>
    public string Label => Key ?? $"{GeneratorId}:{RuleId}";
}

namespace EStreamer.Scenarios.Model;

/// <summary>
/// A block of generated traffic: <see cref="Count"/> events (or as many as fit in <see cref="Duration"/>, or
/// forever when both are null) at exactly <see cref="Rate"/> events per second from <see cref="Start"/>.
/// Event i sits at Start + i / Rate with no jitter, so a player can hold the rate. A null <see cref="Seed"/>
/// is derived from the scenario's seed when the plan is compiled. <see cref="Packets"/>, <see cref="ExtraData"/>
/// and <see cref="ImpactAlerts"/> say which companions each generated intrusion event brings.
/// </summary>
internal sealed record TrafficBlock(
    int Index,
    SourceLocation Location,
    string Name,
    IReadOnlyList<(EventKind Kind, int Weight)> Mix,
    decimal Rate,
    long? Count,
    TimeSpan? Duration,
    TimeSpan Start,
    int? Seed,
    double DuplicateRate,
    bool Packets,
    bool ExtraData,
    bool ImpactAlerts)
{
    /// <summary>Record types the <c>record</c> family's walk through the catalogue leaves out.</summary>
    public IReadOnlySet<EStreamer.Protocol.Records.RecordType> ExceptRecordTypes { get; init; } = new HashSet<EStreamer.Protocol.Records.RecordType>();
}

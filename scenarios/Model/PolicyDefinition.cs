namespace EStreamer.Scenarios.Model;

/// <summary>
/// An intrusion policy (record 118) or an access-control policy (record 145 per device, rules as record 119).
/// </summary>
internal sealed record PolicyDefinition(string Key, Guid Uuid, string Name, IReadOnlyList<uint> Devices, IReadOnlyList<AccessRuleDefinition> Rules);

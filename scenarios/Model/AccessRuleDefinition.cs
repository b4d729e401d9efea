namespace EStreamer.Scenarios.Model;

/// <summary>An access-control rule of a policy, sent as record 119.</summary>
internal sealed record AccessRuleDefinition(uint Id, string Name);

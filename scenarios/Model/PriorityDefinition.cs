namespace EStreamer.Scenarios.Model;

/// <summary>An intrusion priority, sent as record 4.</summary>
internal sealed record PriorityDefinition(uint Id, string Name);

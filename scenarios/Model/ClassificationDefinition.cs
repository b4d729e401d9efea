namespace EStreamer.Scenarios.Model;

/// <summary>An intrusion classification, sent as record 67.</summary>
internal sealed record ClassificationDefinition(uint Id, string Name, string Description, Guid Uuid, Guid RevisionUuid);

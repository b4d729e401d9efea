namespace EStreamer.Scenarios.Model;

/// <summary>A user identity, sent as record 98; events refer to it by <see cref="Id"/>.</summary>
internal sealed record UserDefinition(uint Id, string Name, string Domain, string Email, uint Protocol);

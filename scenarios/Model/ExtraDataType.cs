namespace EStreamer.Scenarios.Model;

/// <summary>An intrusion extra-data type as record 111 describes it.</summary>
internal sealed record ExtraDataType(uint Id, string Name, string Encoding);

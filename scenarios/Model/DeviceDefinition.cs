namespace EStreamer.Scenarios.Model;

/// <summary>A managed device (sensor); its ID is the device ID events carry and record 123 names.</summary>
internal sealed record DeviceDefinition(uint Id, string Name);

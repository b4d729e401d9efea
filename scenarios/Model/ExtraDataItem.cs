namespace EStreamer.Scenarios.Model;

/// <summary>One intrusion extra-data payload (record 110) of a known type (record 111).</summary>
internal sealed record ExtraDataItem(uint Type, byte[] Data);

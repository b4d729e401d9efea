using EStreamer.Protocol.Records;

namespace EStreamer.Scenarios.Generators;

/// <summary>A generated record and the metadata records it refers to.</summary>
internal sealed record GeneratedRecord(IRecord Record, IReadOnlyList<IRecord> Metadata);

using EStreamer.Protocol.Records;

namespace EStreamer.Protocol.Negotiation;

/// <summary>One implemented version of a family and the block type each of its versioned records carries.</summary>
public sealed record FamilyLayout(EventFamily Family, ushort Version, IReadOnlyDictionary<RecordType, uint> BlockTypes);

using EStreamer.Protocol.Negotiation;

namespace EStreamer.Emulator.Conformance;

/// <summary>One (code, version) entry of the client's Streaming Request (2049); Family is null for a code no family has.</summary>
public sealed record RequestedEntry(ushort Code, ushort Version, EventFamily? Family);

using EStreamer.Protocol.Negotiation;

namespace EStreamer.Emulator.Conformance;

/// <summary>A family the client asked for: the highest version requested (highest wins, reference 4.4) and the version it got.</summary>
public sealed record VersionOutcome(EventFamily Family, ushort Requested, ushort? Sent, VersionOutcomeKind Outcome);

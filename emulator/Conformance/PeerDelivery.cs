namespace EStreamer.Emulator.Conformance;

/// <summary>One closed session's delivery to a peer: the journal range it was sent and the last archive timestamp in it.</summary>
internal sealed record PeerDelivery(uint SessionId, SequenceRange Range, uint LastArchiveTimestamp);

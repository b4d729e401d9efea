namespace EStreamer.Emulator.Conformance;

/// <summary>
/// Events this session was sent that fall inside journal ranges already delivered to the same peer
/// (design note 6: the server keeps no history, so a restart resends). Counted as journal sequences in
/// the overlap, which is exact when both sessions asked for the same families.
/// </summary>
public sealed record DuplicateSummary(long Count, IReadOnlyList<SequenceRange> Ranges);

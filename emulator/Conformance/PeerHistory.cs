namespace EStreamer.Emulator.Conformance;

/// <summary>
/// What one peer was sent before a session: the latest earlier session that delivered events, the last
/// archive timestamp that session was sent (the client's bookmark) and every journal range delivered.
/// </summary>
internal sealed record PeerHistory(uint? PreviousSession, uint? Bookmark, IReadOnlyList<SequenceRange> Delivered)
{
    public static readonly PeerHistory None = new(null, null, []);
}

namespace EStreamer.Emulator.Peers;

/// <summary>
/// The peer database file cannot be read. The message starts with FILE:LINE:COL (or FILE alone when the
/// file cannot be opened) so an editor jumps to the fault; no inner exception, so callers print it whole.
/// </summary>
public sealed class PeerDatabaseException : Exception
{
    public PeerDatabaseException(string location, string reason)
        : base($"{location}: peer database unreadable: {reason}")
    {
        Location = location;
        Reason = reason;
    }

    /// <summary>FILE:LINE:COL, or FILE.</summary>
    public string Location { get; }

    public string Reason { get; }
}

namespace EStreamer.Protocol.Framing;

/// <summary>
/// Raised for every malformed input the protocol library meets. It names the field being read and the
/// byte offset at which it starts, counted from the start of the buffer handed to the reader (for a
/// whole message that is the first header byte).
/// </summary>
public sealed class ProtocolException : Exception
{
    public ProtocolException(string field, int offset, string reason)
        : base($"{field} at offset {offset}: {reason}")
    {
        Field = field;
        Offset = offset;
        Reason = reason;
    }

    /// <summary>The wire field (as the reference names it) that could not be read.</summary>
    public string Field { get; }

    /// <summary>Byte offset of that field.</summary>
    public int Offset { get; }

    /// <summary>What was wrong with it.</summary>
    public string Reason { get; }
}

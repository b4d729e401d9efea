namespace EStreamer.Emulator.Sessions;

/// <summary>
/// Codes of the Error messages the emulator sends before closing on a bad request. No list of a real
/// server's codes is public (reference 7.2), so these are the emulator's own; the text says exactly what
/// was wrong.
/// </summary>
public static class ServerErrorCode
{
    /// <summary>A message that could not be decoded (framing, lengths, header version).</summary>
    public const int MalformedMessage = 1;

    /// <summary>A message type the server does not accept from a client.</summary>
    public const int UnexpectedMessage = 2;

    /// <summary>A message that is valid but arrived out of order (e.g. host request before a stream request).</summary>
    public const int OutOfOrder = 3;

    /// <summary>A message longer than the server accepts from clients.</summary>
    public const int MessageTooLong = 4;

    /// <summary>A host data request for a host the server does not know.</summary>
    public const int UnknownHost = 5;

    /// <summary>The server could not encode a record it holds for this session (its values do not fit its layout); the session ends.</summary>
    public const int RecordNotEncodable = 6;
}

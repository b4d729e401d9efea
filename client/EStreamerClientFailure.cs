namespace EStreamer.Client;

/// <summary>What an <see cref="EStreamerClientException"/> reports as having failed.</summary>
public enum EStreamerClientFailure
{
    /// <summary>The client's own certificate could not be loaded (missing file, wrong password, no private key).</summary>
    ClientCertificate,

    /// <summary>Host name resolution or the TCP connect failed, or took longer than the connect timeout.</summary>
    Connect,

    /// <summary>The TLS handshake failed or took longer than the handshake timeout.</summary>
    Handshake,

    /// <summary>The server's certificate does not chain to the certificate authority it was checked against.</summary>
    ServerCertificate,

    /// <summary>Nothing arrived within the read timeout.</summary>
    Timeout,

    /// <summary>The server closed the connection while an answer was still due.</summary>
    ConnectionClosed,

    /// <summary>
    /// The connection broke between messages without an orderly close (TCP reset, TLS cut without
    /// close_notify). A server that refuses a client may close this way rather than gracefully.
    /// </summary>
    ConnectionReset,

    /// <summary>The server closed the connection in the middle of a message.</summary>
    TruncatedMessage,

    /// <summary>A message header announced more bytes than the client's maximum message length.</summary>
    MessageTooLong,

    /// <summary>A message broke the wire format (header version, payload framing, bundle items).</summary>
    MalformedMessage,

    /// <summary>The server answered with an Error message (type 1).</summary>
    ServerError,

    /// <summary>The server answered with a message of a type the exchange does not allow at that point.</summary>
    UnexpectedMessage,

    /// <summary>Writing to the server failed: the connection was closed or reset.</summary>
    SendFailed,
}

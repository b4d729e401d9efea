namespace EStreamer.Emulator.Peers;

/// <summary>Stable reason codes for refused clients; they appear verbatim in the log line.</summary>
public enum PeerRejection
{
    None,
    NoCertificate,
    WrongCa,
    Expired,
    NotYetValid,
    NotForClientAuthentication,
    UnknownCertificate,
    Revoked,
    Disabled,
    AddressMismatch,
}

/// <summary>The post-connect verification's decision: the accepted peer, or why not.</summary>
public sealed record PeerCheckResult(Peer? Peer, PeerRejection Rejection, string Detail)
{
    public bool Accepted => Rejection == PeerRejection.None;

    public static PeerCheckResult Accept(Peer peer) => new(peer, PeerRejection.None, "accepted");

    public static PeerCheckResult Reject(PeerRejection rejection, string detail, Peer? peer = null) => new(peer, rejection, detail);
}

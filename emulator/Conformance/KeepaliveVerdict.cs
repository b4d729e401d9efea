namespace EStreamer.Emulator.Conformance;

public enum KeepaliveVerdict
{
    /// <summary>The stream was never idle long enough for a keep-alive.</summary>
    NoneSent,

    /// <summary>Keep-alives went out and the client stayed.</summary>
    Kept,

    /// <summary>The client hung up right after a keep-alive, without saying anything in between.</summary>
    ClosedAfterKeepalive,
}

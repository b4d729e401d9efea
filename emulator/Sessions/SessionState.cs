namespace EStreamer.Emulator.Sessions;

/// <summary>Where a session is in the flows of reference 3.</summary>
public enum SessionState
{
    /// <summary>TLS up, peer being verified.</summary>
    Verifying,

    /// <summary>Verified; waiting for the Event Stream Request.</summary>
    AwaitingRequest,

    /// <summary>Extended request seen and Streaming Information sent; waiting for the Streaming Request.</summary>
    AwaitingStreamingRequest,

    /// <summary>Sending data.</summary>
    Streaming,

    Closed,
}

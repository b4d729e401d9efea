namespace EStreamer.Emulator.Control;

public enum JournalDirection
{
    /// <summary>A message the client sent.</summary>
    Client,

    /// <summary>Something the server decided or did: negotiation, bundles, keep-alives, refusals, closes.</summary>
    Server,
}

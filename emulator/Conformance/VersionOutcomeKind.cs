namespace EStreamer.Emulator.Conformance;

public enum VersionOutcomeKind
{
    AsRequested,

    /// <summary>The server sent the highest implemented version below the one asked for.</summary>
    Downgraded,

    /// <summary>Switched off on the server, not implemented at or below the request, or missing its parent family.</summary>
    NotSent,
}

namespace EStreamer.Emulator.Conformance;

public enum AcknowledgementVerdict
{
    /// <summary>No bundle was sent (event-data mode, or nothing to stream).</summary>
    NotApplicable,

    AcknowledgedAll,

    AcknowledgedSome,

    /// <summary>Bundles went out and no Null ever came back: the server's window stays shut.</summary>
    NeverAcknowledged,
}

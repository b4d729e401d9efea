namespace EStreamer.Emulator.Conformance;

/// <summary>
/// What the client asked for: the flags of its Event Stream Request (with the 2049's copy OR-ed in, as the
/// server reads them), each set bit by name, the start time it streamed from and its 2049 entries.
/// </summary>
public sealed record RequestSummary(
    uint Flags,
    IReadOnlyList<string> FlagNames,
    uint? InitialTimestamp,
    bool ExtendedRequest,
    bool SentStreamingRequest,
    bool ExtendedHeader,
    IReadOnlyList<RequestedEntry> StreamingRequestEntries);

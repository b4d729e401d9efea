using EStreamer.Protocol.Messages;

namespace EStreamer.Emulator.Conformance;

/// <summary>A copy of what <see cref="SessionObservations"/> gathered, taken under its lock for analysis.</summary>
internal sealed record Observed(
    EventStreamRequestMessage? Request,
    StreamingRequestMessage? Streaming,
    bool Negotiated,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> RequestErrors,
    long Bundles,
    long BundlesAcknowledged,
    long BundlesPending,
    long Nulls,
    long Keepalives,
    long KeepalivesAnswered,
    bool KeepalivePending,
    DateTimeOffset? LastKeepalive,
    ErrorMessage? ClientError);

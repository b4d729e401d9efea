using EStreamer.Protocol.Negotiation;

namespace EStreamer.Scenarios.Model;

/// <summary>
/// Server settings a scenario pins. Null means "not pinned": the server keeps its own configuration.
/// </summary>
public sealed record ServerSettings
{
    public static ServerSettings None { get; } = new();

    /// <summary>The families the server may stream at all, whatever clients ask (reference 1.6).</summary>
    public IReadOnlyList<EventFamily>? EnabledFamilies { get; init; }

    /// <summary>How long the server stays silent before it sends a null keepalive (reference 7.1).</summary>
    public TimeSpan? KeepaliveInterval { get; init; }

    /// <summary>Most records in one message bundle (reference 6.3).</summary>
    public int? BundleMaxEvents { get; init; }
}

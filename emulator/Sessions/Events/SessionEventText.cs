using EStreamer.Protocol.Negotiation;

namespace EStreamer.Emulator.Sessions.Events;

/// <summary>
/// The one place session events become words: the "kind" and "detail" the journal and the control API
/// show (GET /journal). Observers decide on the typed events, never on these strings.
/// </summary>
public static class SessionEventText
{
    public static string Kind(SessionEvent e) => e switch
    {
        StreamingInformationSent => "streaming-information",
        NegotiationNote => "negotiation-note",
        Negotiated => "negotiated",
        StreamingStarted => "start",
        RequestRefused => "request-error",
        KeepaliveSent => "keepalive",
        BundleSent => "bundle",
        FaultFired => "fault",
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "a session event without a journal kind"),
    };

    public static string Detail(SessionEvent e) => e switch
    {
        StreamingInformationSent => "extended bit set: sent Streaming Information (service 6667)",
        NegotiationNote note => note.Note,
        Negotiated n => $"{(n.Bundles ? "bundles" : "event data")}: {n.Families}; profile {ClientProfiles.Label(n.Profile)}; header {(n.ExtendedHeader ? "extended" : "standard")}",
        StreamingStarted s => $"initial timestamp {s.InitialTimestamp}: streaming from journal sequence {s.FromSequence}",
        RequestRefused r => RefusalText(r),
        KeepaliveSent => "writer idle: sent Null",
        BundleSent b => $"bundle {b.Sequence} sent with {b.Records} records",
        FaultFired f => $"{f.Kind}: {f.Detail}",
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "a session event without a journal detail"),
    };

    /// <summary>A refusal as conformance reports list it: Error CODE "reason" then close.</summary>
    public static string RefusalText(RequestRefused refused) => $"Error {refused.Code} \"{refused.Reason}\" then close";
}

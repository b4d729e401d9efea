using EStreamer.Emulator.Sessions;
using EStreamer.Protocol.Negotiation;

namespace EStreamer.Emulator.Conformance;

/// <summary>
/// How one client session behaved, judged from what the server saw: its request, the versions it got,
/// acknowledgements, keep-alives, its start time and duplicates against the peer's earlier sessions, and
/// how it ended. <see cref="Profile"/> is the client profile the session was served with (flag-only for a
/// client that sent no 2049), null before its request was negotiated. <see cref="Final"/> is false for a session still open (the report may still change).
/// <see cref="Conforms"/> is true when no finding is a warning; <see cref="Summary"/> is the text form.
/// </summary>
public sealed record ConformanceReport(
    uint SessionId,
    string? Peer,
    string? Remote,
    string? TlsVersion,
    DateTimeOffset Opened,
    DateTimeOffset? Closed,
    bool Final,
    SessionState State,
    RequestSummary? Request,
    ClientProfile? Profile,
    IReadOnlyList<VersionOutcome> Versions,
    IReadOnlyList<string> NegotiationNotes,
    AcknowledgementSummary Acknowledgement,
    KeepaliveSummary Keepalives,
    StartTimeSummary StartTime,
    DuplicateSummary Duplicates,
    long EventsSent,
    long BytesSent,
    IReadOnlyList<string> RequestErrors,
    string? CloseReason,
    IReadOnlyList<ConformanceFinding> Findings,
    bool Conforms,
    string Summary);

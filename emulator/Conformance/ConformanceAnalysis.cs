using EStreamer.Emulator.Control;
using EStreamer.Emulator.Sessions;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Negotiation;

namespace EStreamer.Emulator.Conformance;

/// <summary>
/// Turns what a session showed into a <see cref="ConformanceReport"/>. Pure functions of their inputs, so
/// tests can call the judges directly with a table of cases.
/// </summary>
internal static class ConformanceAnalysis
{
    public static ConformanceReport Build(
        SessionInfo session,
        Observed observed,
        PeerHistory history,
        bool final,
        DateTimeOffset now,
        int window,
        TimeSpan keepaliveGrace)
    {
        var request = Request(observed);
        var versions = observed.Negotiated && request is not null ? Versions(observed, session) : [];
        var acknowledgement = Acknowledgement(observed, window);
        var keepalives = Keepalives(observed, session, final, now, keepaliveGrace);
        var streamed = observed.Negotiated && request is not null && ((RequestFlags)request.Flags & RequestFlags.HostOnly) == 0;
        var startTime = new StartTimeSummary(
            request?.InitialTimestamp,
            history.PreviousSession,
            history.Bookmark,
            streamed ? JudgeStart(request!.InitialTimestamp!.Value, history.Bookmark) : StartTimeVerdict.NoStream);
        var duplicates = Duplicates(session, history.Delivered);

        var findings = new List<ConformanceFinding>();
        AddRequestFindings(findings, observed, request, final);
        AddVersionFindings(findings, versions);
        AddAcknowledgementFindings(findings, acknowledgement);
        if (keepalives.Verdict == KeepaliveVerdict.ClosedAfterKeepalive)
        {
            findings.Add(new ConformanceFinding(
                FindingSeverity.Warning,
                "closed-after-keepalive",
                $"the client hung up right after keep-alive {keepalives.Sent} without answering it: keep-alive Nulls must be ignored (reference 7.1)"));
        }

        AddStartFindings(findings, startTime);
        if (duplicates.Count > 0)
        {
            findings.Add(new ConformanceFinding(
                FindingSeverity.Info,
                "duplicates-sent",
                $"{duplicates.Count} events (journal sequences {Ranges(duplicates.Ranges)}) were already delivered to this peer: the client must de-duplicate"));
        }

        foreach (var error in observed.RequestErrors)
        {
            findings.Add(new ConformanceFinding(FindingSeverity.Warning, "request-error", $"the server refused a client message: {error}"));
        }

        if (observed.ClientError is { } clientError)
        {
            findings.Add(new ConformanceFinding(FindingSeverity.Info, "client-error", $"the client sent Error {clientError.Code} \"{clientError.Text}\" and the server closed"));
        }

        var report = new ConformanceReport(
            session.Id,
            session.Peer,
            Endpoints.Text(session.Remote),
            TlsName(session.TlsProtocol),
            session.Opened,
            final ? now : null,
            final,
            session.State,
            request,
            observed.Negotiated ? session.Profile : null,
            versions,
            observed.Notes,
            acknowledgement,
            keepalives,
            startTime,
            duplicates,
            session.EventsSent,
            session.BytesSent,
            observed.RequestErrors,
            session.CloseReason,
            findings,
            findings.All(f => f.Severity != FindingSeverity.Warning),
            string.Empty);
        return report with { Summary = ConformanceText.Format(report) };
    }

    /// <summary>The start time against the bookmark (the last archive timestamp the peer was sent before), reference 4.2.</summary>
    public static StartTimeVerdict JudgeStart(uint start, uint? bookmark)
    {
        if (bookmark is not { } last)
        {
            return StartTimeVerdict.FirstSession;
        }

        return start switch
        {
            EventStreamRequestMessage.FromOldest => StartTimeVerdict.FromOldest,
            EventStreamRequestMessage.FromNow => StartTimeVerdict.FromNow,
            _ when start == last => StartTimeVerdict.ResumedAtBookmark,
            _ when start == last + 1 => StartTimeVerdict.ResumedAfterBookmark,
            _ when start < last => StartTimeVerdict.Rewound,
            _ => StartTimeVerdict.SkippedAhead,
        };
    }

    /// <summary>Overlap of this session's journal range with the ranges delivered before (sorted, merged).</summary>
    public static DuplicateSummary Duplicates(SessionInfo session, IReadOnlyList<SequenceRange> delivered)
    {
        if (session.FirstSequenceSent is not { } first || session.LastSequenceSent is not { } last)
        {
            return new DuplicateSummary(0, []);
        }

        var overlaps = new List<SequenceRange>();
        foreach (var range in delivered)
        {
            var from = Math.Max(first, range.First);
            var to = Math.Min(last, range.Last);
            if (from <= to)
            {
                overlaps.Add(new SequenceRange(from, to));
            }
        }

        return new DuplicateSummary(overlaps.Sum(r => r.Count), overlaps);
    }

    /// <summary>Sorts and joins touching or overlapping ranges.</summary>
    public static IReadOnlyList<SequenceRange> Merge(IEnumerable<SequenceRange> ranges)
    {
        var merged = new List<SequenceRange>();
        foreach (var range in ranges.OrderBy(r => r.First))
        {
            if (merged.Count > 0 && range.First <= merged[^1].Last + 1)
            {
                merged[^1] = merged[^1] with { Last = Math.Max(merged[^1].Last, range.Last) };
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }

    public static string? TlsName(string? protocol) => protocol switch
    {
        null => null,
        "Tls12" => "TLS 1.2",
        "Tls13" => "TLS 1.3",
        "Tls11" => "TLS 1.1",
        "Tls" => "TLS 1.0",
        var other => other,
    };

    public static string Ranges(IEnumerable<SequenceRange> ranges) =>
        string.Join(", ", ranges.Select(r => r.First == r.Last ? $"{r.First}" : $"{r.First}-{r.Last}"));

    /// <summary>Whether the client, not the server, ended the session (the server names its own reasons).</summary>
    public static bool ClosedByClient(string? reason) =>
        reason is not null && (reason == "client closed" || reason.StartsWith("connection error", StringComparison.Ordinal));

    private static RequestSummary? Request(Observed observed)
    {
        if (observed.Request is not { } request)
        {
            return null;
        }

        // The server ORs the 2049's copy of the flags into the first request's (reference 4.4).
        var flags = request.Flags | (observed.Streaming?.Flags ?? RequestFlags.None);
        var entries = observed.Streaming?.Entries.ToArray() ?? [];
        return new RequestSummary(
            (uint)flags,
            FlagNames(flags),
            observed.Streaming?.InitialTimestamp ?? request.InitialTimestamp,
            (request.Flags & RequestFlags.ExtendedRequest) != 0,
            observed.Streaming is not null,
            (flags & RequestFlags.ExtendedHeader) != 0,
            entries.Select(e => new RequestedEntry(e.Code, e.Version, FamilyOf(e.Code))).ToArray());
    }

    private static IReadOnlyList<string> FlagNames(RequestFlags flags) =>
        flags == RequestFlags.None ? [] : flags.Describe().Split(", ");

    private static EventFamily? FamilyOf(ushort code) =>
        Enum.IsDefined(typeof(EventFamily), code) && code < (ushort)EventFamily.PacketData ? (EventFamily)code : null;

    private static IReadOnlyList<VersionOutcome> Versions(Observed observed, SessionInfo session)
    {
        // Rebuilt the way the session did it: flags, then the 2049's entries, highest version wins.
        var flags = observed.Request!.Flags | (observed.Streaming?.Flags ?? RequestFlags.None);
        var requested = RequestedVersions.FromFlags(flags);
        if (observed.Streaming is { } streaming)
        {
            requested.AddEntries(streaming.Entries);
        }

        return requested.Versions
            .OrderBy(kv => kv.Key)
            .Select(kv =>
            {
                ushort? sent = session.NegotiatedVersions.TryGetValue(kv.Key, out var version) ? version : null;
                var outcome = sent is null ? VersionOutcomeKind.NotSent
                    : sent == kv.Value ? VersionOutcomeKind.AsRequested
                    : VersionOutcomeKind.Downgraded;
                return new VersionOutcome(kv.Key, kv.Value, sent, outcome);
            })
            .ToArray();
    }

    private static AcknowledgementSummary Acknowledgement(Observed observed, int window)
    {
        var verdict = observed.Bundles == 0 ? AcknowledgementVerdict.NotApplicable
            : observed.BundlesAcknowledged == observed.Bundles ? AcknowledgementVerdict.AcknowledgedAll
            : observed.BundlesAcknowledged == 0 ? AcknowledgementVerdict.NeverAcknowledged
            : AcknowledgementVerdict.AcknowledgedSome;
        return new AcknowledgementSummary(observed.Bundles, observed.BundlesAcknowledged, observed.BundlesPending, observed.Nulls, window, verdict);
    }

    private static KeepaliveSummary Keepalives(Observed observed, SessionInfo session, bool final, DateTimeOffset now, TimeSpan grace)
    {
        if (observed.Keepalives == 0)
        {
            return new KeepaliveSummary(0, 0, KeepaliveVerdict.NoneSent);
        }

        // A client that treats a keep-alive as the end of the stream hangs up at once; one that closes later
        // for its own reasons is not flagged, hence the grace period.
        var droppedAfterKeepalive = final
            && observed.KeepalivePending
            && ClosedByClient(session.CloseReason)
            && observed.LastKeepalive is { } last
            && now - last <= grace;
        return new KeepaliveSummary(
            observed.Keepalives,
            observed.KeepalivesAnswered,
            droppedAfterKeepalive ? KeepaliveVerdict.ClosedAfterKeepalive : KeepaliveVerdict.Kept);
    }

    private static void AddRequestFindings(List<ConformanceFinding> findings, Observed observed, RequestSummary? request, bool final)
    {
        if (request is null)
        {
            if (final && observed.RequestErrors.Count == 0)
            {
                findings.Add(new ConformanceFinding(FindingSeverity.Warning, "no-request", "the client was verified but sent no Event Stream Request"));
            }

            return;
        }

        if (final && request.ExtendedRequest && !request.SentStreamingRequest)
        {
            findings.Add(new ConformanceFinding(
                FindingSeverity.Info,
                "probe-connection",
                "extended request answered with Streaming Information, then closed without a Streaming Request (eNcore's first, probing connection does this)"));
        }
    }

    private static void AddVersionFindings(List<ConformanceFinding> findings, IReadOnlyList<VersionOutcome> versions)
    {
        foreach (var version in versions)
        {
            switch (version.Outcome)
            {
                case VersionOutcomeKind.Downgraded:
                    findings.Add(new ConformanceFinding(FindingSeverity.Info, "downgraded", $"{version.Family} v{version.Requested} requested, v{version.Sent} sent"));
                    break;
                case VersionOutcomeKind.NotSent:
                    findings.Add(new ConformanceFinding(FindingSeverity.Info, "not-sent", $"{version.Family} v{version.Requested} requested, not sent (see the negotiation notes)"));
                    break;
            }
        }
    }

    private static void AddAcknowledgementFindings(List<ConformanceFinding> findings, AcknowledgementSummary acknowledgement)
    {
        switch (acknowledgement.Verdict)
        {
            case AcknowledgementVerdict.NeverAcknowledged:
                findings.Add(new ConformanceFinding(
                    FindingSeverity.Warning,
                    "never-acknowledged",
                    $"{acknowledgement.BundlesSent} bundles sent and no Null came back: the server stops after {acknowledgement.Window} unacknowledged bundle(s); send a Null after each message (reference 7.1)"));
                break;
            case AcknowledgementVerdict.AcknowledgedSome:
                findings.Add(new ConformanceFinding(
                    FindingSeverity.Warning,
                    "partly-acknowledged",
                    $"{acknowledgement.BundlesAcknowledged} of {acknowledgement.BundlesSent} bundles acknowledged with a Null"));
                break;
        }
    }

    private static void AddStartFindings(List<ConformanceFinding> findings, StartTimeSummary start)
    {
        var previous = $"session {start.PreviousSession} was last sent archive time {start.PreviousLastArchiveTimestamp}";
        switch (start.Verdict)
        {
            case StartTimeVerdict.FromOldest:
                findings.Add(new ConformanceFinding(FindingSeverity.Warning, "start-from-oldest", $"started from 0 (oldest) again although {previous}: everything held is sent again"));
                break;
            case StartTimeVerdict.FromNow:
                findings.Add(new ConformanceFinding(FindingSeverity.Warning, "start-from-now", $"started from now although {previous}: events archived while it was away are lost"));
                break;
            case StartTimeVerdict.Rewound:
                findings.Add(new ConformanceFinding(FindingSeverity.Warning, "start-rewound", $"started at {start.InitialTimestamp}, before its bookmark ({previous}): events in between are sent again"));
                break;
            case StartTimeVerdict.SkippedAhead:
                findings.Add(new ConformanceFinding(FindingSeverity.Warning, "start-skipped-ahead", $"started at {start.InitialTimestamp}, after its bookmark ({previous}): events in between are never sent"));
                break;
            case StartTimeVerdict.ResumedAfterBookmark:
                findings.Add(new ConformanceFinding(FindingSeverity.Info, "start-after-bookmark", $"started one second after its bookmark ({previous}): events archived later in that second are missed"));
                break;
        }
    }

    /// <summary>The key sessions of one client share: the registered peer, else the source address.</summary>
    public static string PeerKey(SessionInfo session) =>
        session.Peer ?? Endpoints.Address(session.Remote) ?? "unknown";
}

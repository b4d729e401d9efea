using System.Globalization;
using System.Text;
using EStreamer.Protocol.Negotiation;

namespace EStreamer.Emulator.Conformance;

/// <summary>The short readable form of a report: one line per aspect, then the findings.</summary>
internal static class ConformanceText
{
    public static string Format(ConformanceReport report)
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.Append(culture, $"session {report.SessionId}, peer {report.Peer ?? "(none)"} from {report.Remote ?? "?"}");
        text.Append(culture, $", {report.TlsVersion ?? "no TLS"}, opened {report.Opened:yyyy-MM-ddTHH:mm:ssZ}");
        if (report.Closed is { } closed)
        {
            text.AppendLine(culture, $", closed {closed:yyyy-MM-ddTHH:mm:ssZ}");
        }
        else
        {
            text.AppendLine(" (still open)");
        }

        if (report.Request is { } request)
        {
            var flagNames = request.FlagNames.Count == 0 ? "none" : string.Join(", ", request.FlagNames);
            text.Append(culture, $"request:      start {Start(request.InitialTimestamp)}, flags 0x{request.Flags:X8} ({flagNames})");
            if (request.SentStreamingRequest)
            {
                var entries = string.Join(", ", request.StreamingRequestEntries.Select(e => $"{e.Family?.ToString() ?? $"code {e.Code}"} v{e.Version}"));
                text.Append(culture, $"; Streaming Request with {request.StreamingRequestEntries.Count} entries ({entries})");
            }

            text.AppendLine();
        }
        else
        {
            text.AppendLine("request:      none");
        }

        if (report.Profile is { } profile)
        {
            text.AppendLine(profile == ClientProfile.FlagOnly
                ? "client:       flag-only (Event Data messages paced by the client's Nulls)"
                : $"client:       profile {ClientProfiles.Label(profile)}");
        }

        if (report.Versions.Count > 0)
        {
            text.AppendLine("versions:     " + string.Join("; ", report.Versions.Select(v => v.Outcome switch
            {
                VersionOutcomeKind.AsRequested => $"{v.Family} v{v.Sent}",
                VersionOutcomeKind.Downgraded => $"{v.Family} v{v.Requested} -> v{v.Sent} (downgraded)",
                _ => $"{v.Family} v{v.Requested} not sent",
            })));
        }

        var ack = report.Acknowledgement;
        text.AppendLine(culture, $"acknowledged: {ack.BundlesAcknowledged} of {ack.BundlesSent} bundles ({ack.NullsReceived} client Nulls): {Words(ack.Verdict)}");
        var keepalives = report.Keepalives;
        text.AppendLine(culture, $"keep-alives:  {keepalives.Sent} sent, {keepalives.Answered} answered: {Words(keepalives.Verdict)}");
        var start = report.StartTime;
        var previous = start.PreviousSession is { } id ? $" (session {id} was last sent archive time {start.PreviousLastArchiveTimestamp})" : string.Empty;
        text.AppendLine(culture, $"start time:   {Words(start.Verdict)}{previous}");
        text.AppendLine(report.Duplicates.Count == 0
            ? "duplicates:   none"
            : $"duplicates:   {report.Duplicates.Count} events already delivered to this peer (sequences {ConformanceAnalysis.Ranges(report.Duplicates.Ranges)})");
        text.AppendLine(culture, $"sent:         {report.EventsSent} events, {report.BytesSent} bytes");
        text.AppendLine(culture, $"closed:       {report.CloseReason ?? "still open"}");

        var warnings = report.Findings.Count(f => f.Severity == FindingSeverity.Warning);
        text.AppendLine(report.Conforms ? "verdict:      conforms" : $"verdict:      {warnings} warning{(warnings == 1 ? string.Empty : "s")}");
        foreach (var finding in report.Findings)
        {
            text.AppendLine(culture, $"  {(finding.Severity == FindingSeverity.Warning ? "warning" : "info")} {finding.Code}: {finding.Text}");
        }

        return text.ToString();
    }

    /// <summary>One line for the log: "conforms" or the warning codes.</summary>
    public static string OneLine(ConformanceReport report)
    {
        var warnings = report.Findings.Where(f => f.Severity == FindingSeverity.Warning).Select(f => f.Code).ToArray();
        return warnings.Length == 0
            ? $"conforms ({report.Acknowledgement.BundlesSent} bundles, {report.EventsSent} events)"
            : $"{warnings.Length} warning{(warnings.Length == 1 ? string.Empty : "s")}: {string.Join(", ", warnings)}";
    }

    private static string Start(uint? start) => start switch
    {
        null => "?",
        0 => "0 (oldest)",
        0xFFFFFFFF => "0xFFFFFFFF (now)",
        var value => value.Value.ToString(CultureInfo.InvariantCulture),
    };

    private static string Words(AcknowledgementVerdict verdict) => verdict switch
    {
        AcknowledgementVerdict.NotApplicable => "no bundles sent",
        AcknowledgementVerdict.AcknowledgedAll => "every bundle acknowledged",
        AcknowledgementVerdict.AcknowledgedSome => "some bundles never acknowledged",
        _ => "never acknowledged",
    };

    private static string Words(KeepaliveVerdict verdict) => verdict switch
    {
        KeepaliveVerdict.NoneSent => "none needed",
        KeepaliveVerdict.Kept => "connection kept",
        _ => "closed right after a keep-alive",
    };

    private static string Words(StartTimeVerdict verdict) => verdict switch
    {
        StartTimeVerdict.NoStream => "nothing streamed",
        StartTimeVerdict.FirstSession => "first session of this peer",
        StartTimeVerdict.ResumedAtBookmark => "resumed at its bookmark",
        StartTimeVerdict.ResumedAfterBookmark => "resumed one second after its bookmark",
        StartTimeVerdict.Rewound => "rewound before its bookmark",
        StartTimeVerdict.FromOldest => "from 0 (oldest) again",
        StartTimeVerdict.FromNow => "from now, skipping what it missed",
        _ => "skipped ahead of its bookmark",
    };
}

namespace EStreamer.Emulator.Conformance;

/// <summary>
/// Bundles against client Nulls (reference 7.1: one Null per message received). A bundle counts as
/// acknowledged when a Null arrives before the session ends; <see cref="Window"/> is how many bundles the
/// server sends before it waits for one.
/// </summary>
public sealed record AcknowledgementSummary(
    long BundlesSent,
    long BundlesAcknowledged,
    long UnacknowledgedAtEnd,
    long NullsReceived,
    int Window,
    AcknowledgementVerdict Verdict);

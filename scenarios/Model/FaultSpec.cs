namespace EStreamer.Scenarios.Model;

/// <summary>
/// One fault a scenario injects. It fires once, when its trigger is reached: <see cref="At"/> (offset from
/// the plan's start) or <see cref="AfterMessages"/> (messages sent in the session so far). It applies to the
/// <see cref="Connection"/>-th streaming session (1-based: connections that end before their request is
/// accepted do not count), or to every session when that is null. The loader checks that each kind has the parameters it needs and fills the defaults it documents,
/// so a consumer never has to guess: a parameter a kind does not use stays null.
/// </summary>
public sealed record FaultSpec
{
    public required FaultKind Kind { get; init; }

    /// <summary>Offset from the plan's start; never negative. Null when <see cref="AfterMessages"/> triggers.</summary>
    public TimeSpan? At { get; init; }

    /// <summary>Number of messages sent in the session before the fault fires. Null when <see cref="At"/> triggers.</summary>
    public int? AfterMessages { get; init; }

    /// <summary>The 1-based streaming session the fault is scoped to; null for every session.</summary>
    public int? Connection { get; init; }

    /// <summary>Stall and keepalive gap: required. Slow drip and disable service: optional (null = to the end).</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Error message: the signed error code (required).</summary>
    public int? Code { get; init; }

    /// <summary>Error message: the error text (defaults to empty).</summary>
    public string? Text { get; init; }

    /// <summary>Slow drip: the write rate (required, at least 1).</summary>
    public int? BytesPerSecond { get; init; }

    /// <summary>Refuse connections: how many connections to refuse (required, at least 1).</summary>
    public int? Count { get; init; }

    /// <summary>Unknown record type: the record type to send (defaults to <see cref="DefaultUnknownRecordType"/>).</summary>
    public uint? RecordType { get; init; }

    /// <summary>A record type no eStreamer client knows; eNcore 3.8 skips it, eNcore 5.2's worker dies (reference 10).</summary>
    public const uint DefaultUnknownRecordType = 9999;
}

namespace EStreamer.Emulator.Faults;

/// <summary>
/// One fault the emulator injects. It fires once, when its trigger is reached: <see cref="At"/> (offset
/// from the schedule's start) or <see cref="AfterMessages"/> (data messages sent in the session so far).
/// It applies to the <see cref="Connection"/>-th streaming session (1-based, <see cref="FaultSchedule"/>), or
/// to every session when null. A
/// parameter the kind does not use stays null.
/// </summary>
public sealed record Fault
{
    /// <summary>A record type no eStreamer client knows; eNcore 3.8 skips it, eNcore 5.2's worker dies (reference 10).</summary>
    public const uint DefaultUnknownRecordType = 9999;

    public required FaultKind Kind { get; init; }

    public TimeSpan? At { get; init; }

    public int? AfterMessages { get; init; }

    public int? Connection { get; init; }

    /// <summary>Stall and keep-alive gap: required. Slow drip and disable service: optional (null = to the end).</summary>
    public TimeSpan? Duration { get; init; }

    public int? Code { get; init; }

    public string? Text { get; init; }

    public int? BytesPerSecond { get; init; }

    public int? Count { get; init; }

    public uint? RecordType { get; init; }

    /// <summary>Faults that act on the whole service, whatever session triggers them.</summary>
    public bool IsServerWide => Kind is FaultKind.RefuseConnections or FaultKind.DisableService;

    /// <summary>The trigger and parameters as log lines and the journal show them: "after 300 messages, for 5s".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (At is { } at)
        {
            parts.Add($"at {at.TotalSeconds:0.###}s");
        }

        if (AfterMessages is { } after)
        {
            parts.Add($"after {after} messages");
        }

        if (Duration is { } duration)
        {
            parts.Add($"for {duration.TotalSeconds:0.###}s");
        }

        if (Code is { } code)
        {
            parts.Add($"code {code}");
        }

        if (!string.IsNullOrEmpty(Text))
        {
            parts.Add($"text \"{Text}\"");
        }

        if (BytesPerSecond is { } rate)
        {
            parts.Add($"{rate} bytes/s");
        }

        if (Count is { } count)
        {
            parts.Add($"{count} connections");
        }

        if (RecordType is { } recordType)
        {
            parts.Add($"record type {recordType}");
        }

        return parts.Count == 0 ? "now" : string.Join(", ", parts);
    }
}

namespace EStreamer.Emulator.Faults;

/// <summary>
/// What running faults hold back in one session, read by the session before it writes: a stall stops
/// everything, a keep-alive gap only the Null keep-alives. Times come from the emulator's clock.
/// </summary>
internal sealed class FaultEffects(TimeProvider time)
{
    private DateTimeOffset? _stalledUntil;
    private DateTimeOffset? _keepaliveGapUntil;

    public bool Stalled => _stalledUntil is { } until && time.GetUtcNow() < until;

    public bool KeepalivesSuppressed => Stalled || (_keepaliveGapUntil is { } until && time.GetUtcNow() < until);

    public void Stall(TimeSpan duration) => _stalledUntil = time.GetUtcNow() + duration;

    public void EndStall() => _stalledUntil = null;

    public void KeepaliveGap(TimeSpan duration) => _keepaliveGapUntil = time.GetUtcNow() + duration;
}

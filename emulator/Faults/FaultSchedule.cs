namespace EStreamer.Emulator.Faults;

/// <summary>
/// The faults a scenario scripts, with the time they count from. Sessions ask for the faults of their
/// connection number; faults on the whole service (refuse connections, disable the service) are run by
/// the server.
/// </summary>
public sealed class FaultSchedule
{
    private readonly int[] _reached;

    public FaultSchedule(IReadOnlyList<Fault> faults, DateTimeOffset start)
    {
        Faults = faults;
        Start = start;
        _reached = new int[faults.Count];
    }

    public static FaultSchedule None { get; } = new([], DateTimeOffset.UnixEpoch);

    public IReadOnlyList<Fault> Faults { get; }

    /// <summary>The instant <see cref="Fault.At"/> offsets count from: the scenario's start.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>
    /// Faults a session arms: timed ones for its connection number (or every session), and every
    /// message-count fault, whose scope is settled when the count is reached (<see cref="ClaimReached"/>).
    /// </summary>
    public IReadOnlyList<Fault> ForConnection(uint connection) =>
        Faults.Where(f => f.AfterMessages is not null
            || ((f.Connection is null || f.Connection == (int)connection) && !f.IsServerWide)).ToArray();

    /// <summary>
    /// A session reached a message-count fault's count: does the fault fire in it? A fault scoped to
    /// connection N fires in the Nth session to reach its count, so that short connections which never
    /// get that far (eNcore's probe, say) do not use up the number.
    /// </summary>
    public bool ClaimReached(Fault fault)
    {
        var index = IndexOf(fault);
        var ordinal = Interlocked.Increment(ref _reached[index]);
        return fault.Connection is null || fault.Connection == ordinal;
    }

    private int IndexOf(Fault fault)
    {
        for (var i = 0; i < Faults.Count; i++)
        {
            if (ReferenceEquals(Faults[i], fault))
            {
                return i;
            }
        }

        throw new ArgumentException("the fault is not part of this schedule", nameof(fault));
    }

    /// <summary>Server-wide faults on a timer.</summary>
    public IReadOnlyList<Fault> TimedServerFaults => Faults.Where(f => f.IsServerWide && f.At is not null).ToArray();
}

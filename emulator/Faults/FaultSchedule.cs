namespace EStreamer.Emulator.Faults;

/// <summary>
/// The faults a scenario scripts, with the time they count from. A fault scoped to connection N belongs to
/// the Nth streaming session: the Nth session of this schedule whose request was accepted, so connections
/// that end before streaming (eNcore's probe, a refused request) never use up a number, however early
/// they end. Unscoped faults act in every session; faults on the whole service (refuse connections,
/// disable the service) on a timer are run by the server.
/// </summary>
public sealed class FaultSchedule
{
    private int _streamingSessions;

    public FaultSchedule(IReadOnlyList<Fault> faults, DateTimeOffset start)
    {
        Faults = faults;
        Start = start;
    }

    public static FaultSchedule None { get; } = new([], DateTimeOffset.UnixEpoch);

    public IReadOnlyList<Fault> Faults { get; }

    /// <summary>The instant <see cref="Fault.At"/> offsets count from: the scenario's start.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Faults every verified session arms: the unscoped ones, except server-wide faults on a timer.</summary>
    public IReadOnlyList<Fault> ForEverySession() =>
        Faults.Where(f => f.Connection is null && (f.AfterMessages is not null || !f.IsServerWide)).ToArray();

    /// <summary>
    /// A session started streaming: it takes the next streaming number and gets the faults scoped to it
    /// (server-wide ones too when they trigger on a message count).
    /// </summary>
    public (int Number, IReadOnlyList<Fault> Faults) StartStreaming()
    {
        var number = Interlocked.Increment(ref _streamingSessions);
        return (number, Faults.Where(f => f.Connection == number && (f.AfterMessages is not null || !f.IsServerWide)).ToArray());
    }

    /// <summary>Server-wide faults on a timer.</summary>
    public IReadOnlyList<Fault> TimedServerFaults => Faults.Where(f => f.IsServerWide && f.At is not null).ToArray();
}

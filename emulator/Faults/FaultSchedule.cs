using EStreamer.Scenarios;

namespace EStreamer.Emulator.Faults;

/// <summary>
/// The faults a scenario scripts, with the time they count from. Sessions ask for the faults of their
/// connection number; faults on the whole service (refuse connections, disable the service) are run by
/// the server.
/// </summary>
public sealed class FaultSchedule
{
    public FaultSchedule(IReadOnlyList<FaultSpec> faults, DateTimeOffset start)
    {
        Faults = faults;
        Start = start;
    }

    public static FaultSchedule None { get; } = new([], DateTimeOffset.UnixEpoch);

    public IReadOnlyList<FaultSpec> Faults { get; }

    /// <summary>The instant <see cref="FaultSpec.At"/> offsets count from: the scenario's start.</summary>
    public DateTimeOffset Start { get; }

    public static bool IsServerWide(FaultKind kind) => kind is FaultKind.RefuseConnections or FaultKind.DisableService;

    /// <summary>Faults that act inside the session of connection <paramref name="connection"/> (1-based), or that a session's message count triggers.</summary>
    public IReadOnlyList<FaultSpec> ForConnection(uint connection) =>
        Faults.Where(f => (f.Connection is null || f.Connection == (int)connection) && (!IsServerWide(f.Kind) || f.AfterMessages is not null)).ToArray();

    /// <summary>Server-wide faults on a timer.</summary>
    public IReadOnlyList<FaultSpec> TimedServerFaults => Faults.Where(f => IsServerWide(f.Kind) && f.At is not null).ToArray();
}

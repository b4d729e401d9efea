using System.Net;

namespace EStreamer.Emulator.Events;

/// <summary>
/// What a session streams from: time-ordered records with archive timestamps. Scenario players and
/// generators fill an implementation; the session only positions a cursor and reads forward.
/// </summary>
public interface IEventSource
{
    /// <summary>Raised (on any thread) after new events were appended.</summary>
    event Action? Appended;

    /// <summary>
    /// The first sequence to stream for a request's initial timestamp (reference 4.2): 0 = the oldest
    /// held, 0xFFFFFFFF = only what arrives from now on, T = the first event whose archive time is ≥ T
    /// (inclusive, so a reconnect from a bookmark resends that second's events, as a real server does).
    /// </summary>
    long StartSequence(uint initialTimestamp);

    /// <summary>Copies up to <paramref name="max"/> events from <paramref name="fromSequence"/> on; returns how many.</summary>
    int Read(long fromSequence, int max, List<StoredEvent> into);

    /// <summary>Hosts known to the source, for host data requests (reference 8).</summary>
    IReadOnlyList<HostProfile> Hosts(IPAddress first, IPAddress last);
}

using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net;
using EStreamer.Emulator.Sessions.Events;
using EStreamer.Protocol.Messages;

namespace EStreamer.Emulator.Sessions;

/// <summary>Live and recently closed sessions, for the service switch, status output and tests.</summary>
public sealed class SessionRegistry
{
    private const int ClosedKept = 256;

    private readonly ConcurrentDictionary<uint, SessionHandler> _live = new();
    private readonly ConcurrentQueue<SessionInfo> _closed = new();
    private readonly Lock _removing = new();

    private ISessionObserver[] _observers = [];

    /// <summary>A session closed; raised once every observer has been told (its conformance report is made).</summary>
    public event Action<SessionInfo>? SessionClosed;

    public void AddObserver(ISessionObserver observer)
    {
        ImmutableInterlocked.Update(ref _observers, current => [.. current, observer]);
    }

    public IReadOnlyList<SessionInfo> Live => _live.Values.Select(s => s.Snapshot()).OrderBy(s => s.Id).ToArray();

    public IReadOnlyList<SessionInfo> Closed => _closed.ToArray();

    /// <summary>A live session's current snapshot, else the most recent closed one with that id, else null.</summary>
    public SessionInfo? Find(uint id)
    {
        if (_live.TryGetValue(id, out var live))
        {
            return live.Snapshot();
        }

        return _closed.LastOrDefault(s => s.Id == id);
    }

    /// <summary>Forgets closed sessions (a control reset); live ones stay.</summary>
    public void ClearClosed() => _closed.Clear();

    internal IEnumerable<SessionHandler> LiveHandlers => _live.Values;

    internal void Add(SessionHandler session) => _live[session.Id] = session;

    internal void Remove(SessionHandler session)
    {
        SessionInfo info;
        lock (_removing)
        {
            if (!_live.ContainsKey(session.Id))
            {
                return;
            }

            // Listed among the closed before it leaves the live list: a lookup by id in between
            // (GET /sessions/{id} polling for the close) must never find neither.
            info = session.Snapshot();
            _closed.Enqueue(info);
            _live.TryRemove(session.Id, out _);
            while (_closed.Count > ClosedKept && _closed.TryDequeue(out _))
            {
            }
        }

        foreach (var observer in Volatile.Read(ref _observers))
        {
            observer.OnSessionClosed(info);
        }

        SessionClosed?.Invoke(info);
    }

    internal void ClientMessage(uint sessionId, IMessage message)
    {
        foreach (var observer in Volatile.Read(ref _observers))
        {
            observer.OnClientMessage(sessionId, message);
        }
    }

    internal void Refused(uint sessionId, EndPoint? remote, string reason)
    {
        foreach (var observer in Volatile.Read(ref _observers))
        {
            observer.OnConnectionRefused(sessionId, remote, reason);
        }
    }

    internal void Raise(uint sessionId, SessionEvent sessionEvent)
    {
        foreach (var observer in Volatile.Read(ref _observers))
        {
            observer.OnSessionEvent(sessionId, sessionEvent);
        }
    }
}

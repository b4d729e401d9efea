using System.Collections.Concurrent;
using EStreamer.Emulator.Sessions;
using EStreamer.Emulator.Sessions.Events;
using EStreamer.Protocol.Messages;

namespace EStreamer.Emulator.Tests.Support;

/// <summary>
/// Every session event a server raises, for tests to wait on what the server reports (a fault fired, a
/// keep-alive sent) instead of on time. Register it before the first client connects.
/// </summary>
public sealed class SessionEventRecorder : ISessionObserver
{
    private readonly ConcurrentQueue<(uint Session, SessionEvent Event)> _events = new();
    private readonly ConcurrentQueue<SessionInfo> _closed = new();
    private readonly SemaphoreSlim _changed = new(0);

    public static SessionEventRecorder On(RunningEmulator emulator)
    {
        var recorder = new SessionEventRecorder();
        emulator.Server.Sessions.AddObserver(recorder);
        return recorder;
    }

    public IReadOnlyList<(uint Session, SessionEvent Event)> Events => _events.ToArray();

    public void OnClientMessage(uint sessionId, IMessage message)
    {
    }

    public void OnSessionEvent(uint sessionId, SessionEvent sessionEvent)
    {
        _events.Enqueue((sessionId, sessionEvent));
        _changed.Release();
    }

    public void OnSessionClosed(SessionInfo session)
    {
        _closed.Enqueue(session);
        _changed.Release();
    }

    /// <summary>Waits (bounded) for an event of type <typeparamref name="T"/> matching <paramref name="predicate"/>; returns it with its session.</summary>
    public async Task<(uint Session, T Event)> WaitForAsync<T>(Func<T, bool>? predicate = null, TimeSpan? timeout = null)
        where T : SessionEvent
    {
        var deadline = DateTime.UtcNow + (timeout ?? TestClient.DefaultTimeout);
        while (true)
        {
            foreach (var (session, e) in _events)
            {
                if (e is T match && (predicate is null || predicate(match)))
                {
                    return (session, match);
                }
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _changed.WaitAsync(left))
            {
                throw new TimeoutException($"no {typeof(T).Name} event was raised");
            }
        }
    }

    /// <summary>Waits (bounded) until session <paramref name="id"/> has closed; returns its final snapshot.</summary>
    public async Task<SessionInfo> WaitForCloseAsync(uint id, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TestClient.DefaultTimeout);
        while (true)
        {
            if (_closed.FirstOrDefault(s => s.Id == id) is { } closed)
            {
                return closed;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _changed.WaitAsync(left))
            {
                throw new TimeoutException($"session {id} did not close");
            }
        }
    }
}

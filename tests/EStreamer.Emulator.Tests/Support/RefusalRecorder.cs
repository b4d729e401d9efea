using System.Collections.Concurrent;
using System.Net;
using EStreamer.Emulator.Sessions;
using EStreamer.Emulator.Sessions.Events;
using EStreamer.Protocol.Messages;

namespace EStreamer.Emulator.Tests.Support;

/// <summary>Records the refused-connection reasons the server reports to its observers (what the metrics count).</summary>
internal sealed class RefusalRecorder : ISessionObserver
{
    private readonly ConcurrentQueue<string> _reasons = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public void OnClientMessage(uint sessionId, IMessage message)
    {
    }

    public void OnSessionEvent(uint sessionId, SessionEvent sessionEvent)
    {
    }

    public void OnSessionClosed(SessionInfo session)
    {
    }

    public void OnConnectionRefused(uint sessionId, EndPoint? remote, string reason)
    {
        _reasons.Enqueue(reason);
        _arrived.Release();
    }

    /// <summary>Waits for the next refusal the server reports and returns its reason.</summary>
    public async Task<string> NextAsync()
    {
        if (!await _arrived.WaitAsync(TestClient.DefaultTimeout))
        {
            throw new TimeoutException("the server reported no refused connection");
        }

        return _reasons.TryDequeue(out var reason) ? reason : throw new InvalidOperationException("refusal lost");
    }
}

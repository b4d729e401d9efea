using System.Net;
using EStreamer.Emulator.Sessions;
using EStreamer.Emulator.Sessions.Events;
using EStreamer.Protocol.Messages;
using Microsoft.Extensions.Time.Testing;

namespace EStreamer.Emulator.Tests.Support;

/// <summary>
/// Moves a fake clock forward in the background, one step at a time, as fast as the emulator and its clients keep
/// up, so that what the emulator paces by its clock (live traffic, keep-alives, slow drips) comes many times faster
/// than on the wall clock. A scenario's ticks run inside each step. The next step waits, on the server's session
/// signals, until a session streams and every streaming one has sent all the journal holds or is held by what only
/// time ends (a stall, a slow drip). It only makes time pass: tests still wait on what the server reports.
/// </summary>
internal sealed class FakeClockDriver : IAsyncDisposable
{
    private readonly RunningEmulator _emulator;
    private readonly FakeTimeProvider _clock;
    private readonly TimeSpan _step;
    private readonly SessionSignal _signal = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private FakeClockDriver(RunningEmulator emulator, FakeTimeProvider clock, TimeSpan step)
    {
        _emulator = emulator;
        _clock = clock;
        _step = step;
        emulator.Server.Sessions.AddObserver(_signal);
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Starts moving <paramref name="clock"/> (the one <paramref name="emulator"/> runs on) by <paramref name="step"/> at a time until disposed.</summary>
    public static FakeClockDriver Start(RunningEmulator emulator, FakeTimeProvider clock, TimeSpan step) => new(emulator, clock, step);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        while (true)
        {
            await WaitForStreamingSessionsAsync(stop);
            _clock.Advance(_step);
        }
    }

    /// <summary>Returns once a session streams and none of those streaming has anything to send before time passes.</summary>
    private async Task WaitForStreamingSessionsAsync(CancellationToken stop)
    {
        while (true)
        {
            _signal.Reset();
            var sessions = await Task.WhenAll(_emulator.Server.Sessions.LiveHandlers.ToArray().Select(SnapshotOnLoopAsync));
            var streaming = sessions.Where(s => s.State == SessionState.Streaming && (s.Flags & RequestFlags.HostOnly) == 0).ToList();
            if (streaming.Count > 0 && streaming.All(s => s.CaughtUp || s.Paused))
            {
                return;
            }

            await _signal.WaitAsync(stop);
        }
    }

    /// <summary>
    /// A session's snapshot taken on its event loop behind what is queued there now and what that queues in turn
    /// (reading a client's Null schedules the pump's next turn): it sees no pump turn half done or just scheduled.
    /// </summary>
    private static Task<SessionInfo> SnapshotOnLoopAsync(SessionHandler session)
    {
        if (session.Executor is not { } loop)
        {
            return Task.FromResult(session.Snapshot());
        }

        var taken = new TaskCompletionSource<SessionInfo>(TaskCreationOptions.RunContinuationsAsynchronously);
        loop.Execute(() => loop.Execute(() =>
        {
            try
            {
                taken.SetResult(session.Snapshot());
            }
            catch (Exception failure)
            {
                taken.SetException(failure);
            }
        }));
        return taken.Task;
    }

    /// <summary>Completes on the next thing the server reports about any session: a client message, a server event, a close.</summary>
    private sealed class SessionSignal : ISessionObserver
    {
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Forgets what was reported so far: call before reading the sessions, then wait.</summary>
        public void Reset()
        {
            if (Volatile.Read(ref _next).Task.IsCompleted)
            {
                Volatile.Write(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }
        }

        public Task WaitAsync(CancellationToken stop) => Volatile.Read(ref _next).Task.WaitAsync(stop);

        public void OnClientMessage(uint sessionId, IMessage message) => Raise();

        public void OnSessionEvent(uint sessionId, SessionEvent sessionEvent) => Raise();

        public void OnSessionClosed(SessionInfo session) => Raise();

        public void OnConnectionRefused(uint sessionId, EndPoint? remote, string reason) => Raise();

        private void Raise() => Volatile.Read(ref _next).TrySetResult();
    }
}

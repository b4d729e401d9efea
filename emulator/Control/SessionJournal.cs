using System.Net;
using EStreamer.Emulator.Sessions;
using EStreamer.Emulator.Sessions.Events;
using EStreamer.Protocol.Messages;

namespace EStreamer.Emulator.Control;

/// <summary>
/// Every client message and server event, in order, in a ring of <see cref="Capacity"/> entries: the
/// oldest fall out first. Appends come from session event loops and take a short lock, no I/O.
/// </summary>
public sealed class SessionJournal : ISessionObserver
{
    public const int DefaultCapacity = 10_000;

    private readonly object _gate = new();
    private readonly JournalEntry?[] _ring;
    private readonly TimeProvider _time;
    private long _nextSequence = 1;
    private int _start;
    private int _count;

    public SessionJournal(int capacity = DefaultCapacity, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new JournalEntry?[capacity];
        _time = time ?? TimeProvider.System;
    }

    public int Capacity => _ring.Length;

    /// <summary>Sequence of the oldest entry held (the next one to be written when empty).</summary>
    public long FirstSequence
    {
        get
        {
            lock (_gate)
            {
                return _count == 0 ? _nextSequence : _ring[_start]!.Sequence;
            }
        }
    }

    /// <summary>Sequence of the newest entry written (0 before the first).</summary>
    public long LastSequence
    {
        get
        {
            lock (_gate)
            {
                return _nextSequence - 1;
            }
        }
    }

    /// <summary>Entries after <paramref name="since"/>, of one session if given, oldest first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<JournalEntry> Read(uint? session = null, long? since = null, int? limit = null)
    {
        var result = new List<JournalEntry>();
        var max = limit ?? int.MaxValue;
        lock (_gate)
        {
            for (var i = 0; i < _count && result.Count < max; i++)
            {
                var entry = _ring[(_start + i) % _ring.Length]!;
                if ((since is null || entry.Sequence > since) && (session is null || entry.Session == session))
                {
                    result.Add(entry);
                }
            }
        }

        return result;
    }

    /// <summary>Drops every entry; sequences keep counting up, so a client polling with ?since never sees one twice.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            Array.Clear(_ring);
            _start = 0;
            _count = 0;
        }
    }

    public void OnClientMessage(uint sessionId, IMessage message) =>
        Add(sessionId, JournalDirection.Client, ClientMessages.Kind(message), ClientMessages.Text(message), message);

    public void OnSessionEvent(uint sessionId, SessionEvent sessionEvent) =>
        Add(sessionId, JournalDirection.Server, SessionEventText.Kind(sessionEvent), SessionEventText.Detail(sessionEvent), null);

    public void OnSessionClosed(SessionInfo session) =>
        Add(
            session.Id,
            JournalDirection.Server,
            "closed",
            $"closed ({session.CloseReason}): {session.EventsSent} events, {session.BundlesSent} bundles, {session.BytesSent} bytes, {session.NullsReceived} client nulls, {session.KeepalivesSent} keep-alives",
            null);

    public void OnConnectionRefused(uint sessionId, EndPoint? remote, string reason) =>
        Add(sessionId, JournalDirection.Server, "refused", $"client {Endpoints.Text(remote)} refused ({reason})", null);

    private void Add(uint session, JournalDirection direction, string kind, string text, IMessage? message)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var entry = new JournalEntry(_nextSequence++, now, session, direction, kind, text, message);
            if (_count < _ring.Length)
            {
                _ring[(_start + _count) % _ring.Length] = entry;
                _count++;
            }
            else
            {
                _ring[_start] = entry;
                _start = (_start + 1) % _ring.Length;
            }
        }
    }
}

using EStreamer.Emulator.Sessions.Events;
using EStreamer.Protocol.Messages;

namespace EStreamer.Emulator.Conformance;

/// <summary>
/// What the observer saw of one live session, in the order it happened. Written on the session's event
/// loop; read from a control request for a report of a session still open, hence the lock.
/// </summary>
internal sealed class SessionObservations
{
    private readonly object _gate = new();
    private readonly List<string> _notes = [];
    private readonly List<string> _requestErrors = [];
    private EventStreamRequestMessage? _request;
    private StreamingRequestMessage? _streaming;
    private ErrorMessage? _clientError;
    private bool _negotiated;
    private long _bundles;
    private long _acknowledged;
    private long _pending;
    private long _nulls;
    private long _keepalives;
    private long _keepalivesAnswered;
    private bool _keepalivePending;
    private DateTimeOffset? _lastKeepalive;

    public void Client(IMessage message)
    {
        lock (_gate)
        {
            switch (message)
            {
                case NullMessage:
                    // Any Null releases the server's window (reference 7.1), so it acknowledges every bundle before it.
                    _nulls++;
                    _acknowledged += _pending;
                    _pending = 0;
                    if (_keepalivePending)
                    {
                        _keepalivesAnswered++;
                    }

                    break;
                case EventStreamRequestMessage request:
                    _request ??= request;
                    break;
                case StreamingRequestMessage streaming:
                    _streaming ??= streaming;
                    break;
                case ErrorMessage error:
                    _clientError ??= error;
                    break;
            }

            // Anything the client says after a keep-alive shows it is still there.
            _keepalivePending = false;
        }
    }

    public void Server(SessionEvent sessionEvent, DateTimeOffset now)
    {
        lock (_gate)
        {
            switch (sessionEvent)
            {
                case BundleSent:
                    _bundles++;
                    _pending++;
                    break;
                case KeepaliveSent:
                    _keepalives++;
                    _keepalivePending = true;
                    _lastKeepalive = now;
                    break;
                case Negotiated:
                    _negotiated = true;
                    break;
                case NegotiationNote note:
                    _notes.Add(note.Note);
                    break;
                case RequestRefused refused:
                    _requestErrors.Add(SessionEventText.RefusalText(refused));
                    break;
            }
        }
    }

    public Observed Capture()
    {
        lock (_gate)
        {
            return new Observed(
                _request,
                _streaming,
                _negotiated,
                _notes.ToArray(),
                _requestErrors.ToArray(),
                _bundles,
                _acknowledged,
                _pending,
                _nulls,
                _keepalives,
                _keepalivesAnswered,
                _keepalivePending,
                _lastKeepalive,
                _clientError);
        }
    }
}

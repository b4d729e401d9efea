using System.Net;
using EStreamer.Emulator.Sessions.Events;
using EStreamer.Protocol.Messages;

namespace EStreamer.Emulator.Sessions;

/// <summary>
/// Sees what happens in sessions: every client message, every server event (negotiation, refusals,
/// keep-alives, bundles, faults) and each session's end. The journal, conformance reports and metrics
/// hang off this. Called on the session's event loop: implementations must be quick and never block.
/// </summary>
public interface ISessionObserver
{
    void OnClientMessage(uint sessionId, IMessage message);

    /// <summary>The server did something in a session; match on the <see cref="SessionEvent"/> records.</summary>
    void OnSessionEvent(uint sessionId, SessionEvent sessionEvent);

    void OnSessionClosed(SessionInfo session);

    /// <summary>
    /// A connection turned away before it became a session: TLS handshake failed or timed out, the peer
    /// check refused it (<paramref name="reason"/> is the log line's code: address-mismatch, revoked...),
    /// or the service was disabled. Default empty, so observers that only follow sessions need not care.
    /// </summary>
    void OnConnectionRefused(uint sessionId, EndPoint? remote, string reason)
    {
    }
}

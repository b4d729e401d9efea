using EStreamer.Protocol.Messages;

namespace EStreamer.Emulator.Sessions;

/// <summary>
/// Sees what happens in sessions: every client message, every server decision (negotiation, refusals,
/// keep-alives, bundles, faults) and each session's end. The journal, conformance reports and metrics
/// hang off this. Called on the session's event loop: implementations must be quick and never block.
/// </summary>
public interface ISessionObserver
{
    void OnClientMessage(uint sessionId, IMessage message);

    void OnServerDecision(uint sessionId, string kind, string detail);

    void OnSessionClosed(SessionInfo session);
}

using System.Net;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Negotiation;

namespace EStreamer.Emulator.Sessions;

/// <summary>
/// A snapshot of one session for status output and tests. BytesSent: eStreamer message bytes the socket
/// took (before TLS). QueuedBytes: encoded for the client, not yet taken by the socket. CaughtUp: the session
/// has read everything its event source held (what it streams is on its way or sent). Paused: streaming
/// waits for the client to take bytes (back-pressure) or for a fault to let go.
/// </summary>
public sealed record SessionInfo(
    uint Id,
    string? Peer,
    EndPoint? Remote,
    SessionState State,
    uint? InitialTimestamp,
    RequestFlags Flags,
    bool Extended,
    IReadOnlyDictionary<EventFamily, ushort> NegotiatedVersions,
    ClientProfile Profile,
    DateTimeOffset Opened,
    string? TlsProtocol,
    long? FirstSequenceSent,
    long? LastSequenceSent,
    uint LastArchiveTimestampSent,
    long EventsSent,
    long BundlesSent,
    long NullsReceived,
    long KeepalivesSent,
    long BytesSent,
    long QueuedBytes,
    bool Writable,
    string? CloseReason,
    bool CaughtUp = false,
    bool Paused = false);

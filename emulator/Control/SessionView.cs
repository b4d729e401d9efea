using EStreamer.Emulator.Conformance;
using EStreamer.Emulator.Sessions;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Negotiation;

namespace EStreamer.Emulator.Control;

/// <summary>
/// A session as GET /sessions shows it. Request flags come as the number and each set bit by name;
/// negotiated versions by family ("intrusion": 11). Byte counts are eStreamer message bytes, before TLS.
/// </summary>
public sealed record SessionView(
    uint Id,
    string? Peer,
    string? Remote,
    string? SourceAddress,
    string? TlsVersion,
    SessionState State,
    uint? InitialTimestamp,
    uint RequestFlags,
    IReadOnlyList<string> RequestFlagNames,
    bool Extended,
    ClientProfile Profile,
    IReadOnlyDictionary<string, ushort> NegotiatedVersions,
    DateTimeOffset StartTime,
    long EventsSent,
    long BytesSent,
    long BundlesSent,
    long NullsReceived,
    long KeepalivesSent,
    long QueuedBytes,
    bool Writable,
    long? FirstSequenceSent,
    long? LastSequenceSent,
    uint LastArchiveTimestampSent,
    string? CloseReason)
{
    public static SessionView From(SessionInfo session) => new(
        session.Id,
        session.Peer,
        Endpoints.Text(session.Remote),
        Endpoints.Address(session.Remote),
        ConformanceAnalysis.TlsName(session.TlsProtocol),
        session.State,
        session.InitialTimestamp,
        (uint)session.Flags,
        session.Flags == Protocol.Messages.RequestFlags.None ? [] : session.Flags.Describe().Split(", "),
        session.Extended,
        session.Profile,
        session.NegotiatedVersions.OrderBy(kv => kv.Key).ToDictionary(kv => ClientMessages.Name(kv.Key), kv => kv.Value),
        session.Opened,
        session.EventsSent,
        session.BytesSent,
        session.BundlesSent,
        session.NullsReceived,
        session.KeepalivesSent,
        session.QueuedBytes,
        session.Writable,
        session.FirstSequenceSent,
        session.LastSequenceSent,
        session.LastArchiveTimestampSent,
        session.CloseReason);
}

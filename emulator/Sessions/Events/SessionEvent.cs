using EStreamer.Emulator.Faults;
using EStreamer.Protocol.Negotiation;

namespace EStreamer.Emulator.Sessions.Events;

/// <summary>Something the server did or decided in a session, raised to every <see cref="ISessionObserver"/>.</summary>
public abstract record SessionEvent;

/// <summary>The extended bit was set: Streaming Information (service 6667) went out (reference 3.4).</summary>
public sealed record StreamingInformationSent : SessionEvent;

/// <summary>Something the negotiation did not grant as asked (a version capped, a family switched off...).</summary>
public sealed record NegotiationNote(string Note) : SessionEvent;

/// <summary>What the session will stream: mode, families with versions ("nothing" when none), profile, header.</summary>
public sealed record Negotiated(bool Bundles, string Families, ClientProfile Profile, bool ExtendedHeader) : SessionEvent;

/// <summary>The start point of the stream: the request's initial timestamp and the journal sequence it maps to.</summary>
public sealed record StreamingStarted(uint InitialTimestamp, long FromSequence) : SessionEvent;

/// <summary>A client message the server refused: Error <paramref name="Code"/> then close (reference 7.3).</summary>
public sealed record RequestRefused(int Code, string Reason) : SessionEvent;

/// <summary>The writer was idle: a Null keep-alive went out.</summary>
public sealed record KeepaliveSent : SessionEvent;

/// <summary>A message bundle (4002) went out with its per-connection sequence number.</summary>
public sealed record BundleSent(uint Sequence, int Records) : SessionEvent;

/// <summary>A scripted or injected fault fired in the session.</summary>
public sealed record FaultFired(FaultKind Kind, string Detail) : SessionEvent;

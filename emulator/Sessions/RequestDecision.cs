using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Negotiation;

namespace EStreamer.Emulator.Sessions;

/// <summary>What <see cref="SessionRequestStateMachine"/> decided about one client message.</summary>
internal abstract record RequestDecision
{
    /// <summary>Nothing to do: the session is closed, or the message needs no answer.</summary>
    public static readonly RequestDecision None = new NoAction();

    private sealed record NoAction : RequestDecision;
}

/// <summary>A client Null: it releases the bundle window (reference 7.1).</summary>
internal sealed record AcknowledgeBundles : RequestDecision;

/// <summary>Extended bit set: answer with Streaming Information at once and wait for the Streaming Request (reference 3.4).</summary>
internal sealed record SendStreamingInformation(StreamingInformationMessage Message) : RequestDecision;

/// <summary>
/// The request is complete: stream what <paramref name="Negotiation"/> grants from <paramref name="InitialTimestamp"/>,
/// in bundles when <paramref name="Bundles"/>; a host-only request (bit 11) streams nothing by default.
/// </summary>
internal sealed record StartStreaming(StreamNegotiation Negotiation, uint InitialTimestamp, bool Bundles, bool ExtendedHeader, bool HostOnly) : RequestDecision;

/// <summary>Disconnect rule: an error while processing a client request sends an Error first, then closes (reference 7.3).</summary>
internal sealed record RefuseRequest(int Code, string Reason) : RequestDecision;

/// <summary>The client sent an Error: close without a word (reference 3).</summary>
internal sealed record CloseOnClientError(ErrorMessage Error) : RequestDecision;

/// <summary>Host data to send, in order; the last is flushed (reference 8).</summary>
internal sealed record SendHostData(IReadOnlyList<IMessage> Messages) : RequestDecision;

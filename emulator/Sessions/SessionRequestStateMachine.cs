using System.Net;
using EStreamer.Emulator.Events;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Negotiation;

namespace EStreamer.Emulator.Sessions;

/// <summary>
/// The request side of a session (reference 3) with no channel: it takes each client message and says what
/// the server does about it. Awaiting request → (extended: Streaming Information, awaiting Streaming
/// Request) → streaming; host requests once a request arrived; a client Error or a bad message closes.
/// </summary>
internal sealed class SessionRequestStateMachine
{
    private readonly ClientProfile _defaultProfile;
    private readonly Func<EventFamily, bool> _familyEnabled;
    private readonly Func<IPAddress, IPAddress, IReadOnlyList<HostProfile>> _hosts;
    private ClientProfile? _peerProfile;

    public SessionRequestStateMachine(ClientProfile defaultProfile, Func<EventFamily, bool> familyEnabled, Func<IPAddress, IPAddress, IReadOnlyList<HostProfile>> hosts)
    {
        _defaultProfile = defaultProfile;
        _familyEnabled = familyEnabled;
        _hosts = hosts;
    }

    public SessionState State { get; private set; } = SessionState.Verifying;

    public EventStreamRequestMessage? Request { get; private set; }

    /// <summary>Flags of every request message so far: the 2049 carries a copy, both count (reference 4.4).</summary>
    public RequestFlags Flags { get; private set; }

    public StreamNegotiation? Negotiation { get; private set; }

    public bool Bundles { get; private set; }

    public bool ExtendedHeader { get; private set; }

    /// <summary>The peer passed verification; <paramref name="peerProfile"/> is the profile its database entry pins, if any.</summary>
    public void Verified(string? peerProfile)
    {
        _peerProfile = ParseProfile(peerProfile);
        if (State == SessionState.Verifying)
        {
            State = SessionState.AwaitingRequest;
        }
    }

    /// <summary>The session ends (any cause): later messages get no answer.</summary>
    public void Close() => State = SessionState.Closed;

    public RequestDecision Receive(IMessage message)
    {
        if (State == SessionState.Closed)
        {
            return RequestDecision.None;
        }

        return message switch
        {
            NullMessage => new AcknowledgeBundles(),
            ErrorMessage error => Closing(new CloseOnClientError(error)),
            EventStreamRequestMessage request => OnEventStreamRequest(request),
            StreamingRequestMessage streaming => OnStreamingRequest(streaming),
            HostDataRequestMessage hostRequest => OnHostDataRequest(hostRequest),
            _ => Refuse(ServerErrorCode.UnexpectedMessage, $"message type {(ushort)message.MessageType} is not accepted from a client"),
        };
    }

    /// <summary>A frame that did not decode: refused as malformed (or too long) per the disconnect rules.</summary>
    public RequestDecision Undecodable(int code, string reason) =>
        State == SessionState.Closed ? RequestDecision.None : Refuse(code, reason);

    private RequestDecision OnEventStreamRequest(EventStreamRequestMessage request)
    {
        if (State != SessionState.AwaitingRequest)
        {
            return Refuse(ServerErrorCode.OutOfOrder, "an Event Stream Request was already received on this connection");
        }

        Request = request;
        Flags = request.Flags;
        if ((request.Flags & RequestFlags.ExtendedRequest) != 0)
        {
            // Answer at once: eNcore's probe connection reads this one message and hangs up (reference 3.4).
            State = SessionState.AwaitingStreamingRequest;
            return new SendStreamingInformation(StreamingInformationMessage.EStreamerOnly);
        }

        return Start(RequestedVersions.FromFlags(request.Flags), request.InitialTimestamp, bundles: false, sentStreamingRequest: false);
    }

    private RequestDecision OnStreamingRequest(StreamingRequestMessage streaming)
    {
        if (State != SessionState.AwaitingStreamingRequest)
        {
            return Refuse(ServerErrorCode.OutOfOrder, "a Streaming Request (2049) is accepted only after an Event Stream Request with the extended bit");
        }

        if (streaming.ServiceId != StreamingRequestMessage.EStreamerService)
        {
            return Refuse(ServerErrorCode.UnexpectedMessage, $"service {streaming.ServiceId} is not offered; only {StreamingRequestMessage.EStreamerService}");
        }

        // Highest version wins across flags and entries (reference 4.4).
        Flags = Request!.Flags | streaming.Flags;
        var requested = RequestedVersions.FromFlags(Flags);
        requested.AddEntries(streaming.Entries);
        return Start(requested, streaming.InitialTimestamp, bundles: true, sentStreamingRequest: true);
    }

    private StartStreaming Start(RequestedVersions requested, uint initialTimestamp, bool bundles, bool sentStreamingRequest)
    {
        Negotiation = StreamNegotiation.Negotiate(requested, _peerProfile ?? _defaultProfile, sentStreamingRequest, _familyEnabled);
        Bundles = bundles;
        ExtendedHeader = (Flags & RequestFlags.ExtendedHeader) != 0;
        State = SessionState.Streaming;

        // Bit 11 asks for no default streaming: the connection is for host requests only (reference 3.3).
        return new StartStreaming(Negotiation, initialTimestamp, bundles, ExtendedHeader, HostOnly: (Flags & RequestFlags.HostOnly) != 0);
    }

    private RequestDecision OnHostDataRequest(HostDataRequestMessage request)
    {
        if (State is not (SessionState.Streaming or SessionState.AwaitingStreamingRequest))
        {
            return Refuse(ServerErrorCode.OutOfOrder, "a Host Data Request must follow an Event Stream Request on the same connection");
        }

        // Odd data types ask for every host in the range, even ones for a single host (reference 8.1).
        var multiple = request.DataType % 2 == 1;
        var hosts = _hosts(request.StartAddress, multiple ? request.EndAddress : request.StartAddress);
        if (!multiple)
        {
            return hosts.Count == 0
                ? Refuse(ServerErrorCode.UnknownHost, $"no host profile for {request.StartAddress}")
                : new SendHostData([HostProfiles.ToMessage(hosts[0], MessageType.SingleHostData)]);
        }

        return new SendHostData([.. hosts.Select(h => HostProfiles.ToMessage(h, MessageType.MultipleHostData)), HostDataMessage.EndOfList]);
    }

    private RefuseRequest Refuse(int code, string reason) => Closing(new RefuseRequest(code, reason));

    private T Closing<T>(T decision)
        where T : RequestDecision
    {
        State = SessionState.Closed;
        return decision;
    }

    /// <summary>A peer pinned to a profile in peers.yaml; "auto" (or nothing, or an unknown name) pins nothing.</summary>
    private static ClientProfile? ParseProfile(string? text) =>
        ClientProfiles.TryParse(text, out var profile) && profile != ClientProfile.Auto ? profile : null;
}

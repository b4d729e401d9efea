using System.Net;
using EStreamer.Emulator.Events;
using EStreamer.Emulator.Sessions;
using EStreamer.Emulator.Tests.Support;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Negotiation;

namespace EStreamer.Emulator.Tests.Sessions;

/// <summary>The request state machine alone: client messages in, decisions out, no channel.</summary>
public sealed class SessionRequestStateMachineTests
{
    private static readonly HostProfile Host = new(IPAddress.Parse("10.0.0.5"), new byte[6], 1, 1_700_000_000, "HOST5");

    [Test]
    public void Plain_request_starts_streaming_event_data_from_its_timestamp()
    {
        var machine = Verified();
        var decision = machine.Receive(new EventStreamRequestMessage(1234, RequestFlags.MetadataV4 | RequestFlags.IntrusionWithImpactFlags));

        Assert.That(decision, Is.TypeOf<StartStreaming>());
        var start = (StartStreaming)decision;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(start.InitialTimestamp, Is.EqualTo(1234u));
            Assert.That(start.Bundles, Is.False);
            Assert.That(start.HostOnly, Is.False);
            Assert.That(start.Negotiation.Streams(EventFamily.Metadata), Is.True);
            Assert.That(machine.State, Is.EqualTo(SessionState.Streaming));
        }
    }

    [Test]
    public void Extended_request_answers_streaming_information_then_the_streaming_request_starts_bundles()
    {
        var machine = Verified();
        var info = machine.Receive(new EventStreamRequestMessage(0, RequestFlags.EncoreDefault));
        Assert.That(info, Is.EqualTo(new SendStreamingInformation(StreamingInformationMessage.EStreamerOnly)));
        Assert.That(machine.State, Is.EqualTo(SessionState.AwaitingStreamingRequest));

        var start = machine.Receive(Requests.Streaming(77, Requests.Encore52Entries));
        Assert.That(start, Is.TypeOf<StartStreaming>());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(((StartStreaming)start).Bundles, Is.True);
            Assert.That(((StartStreaming)start).InitialTimestamp, Is.EqualTo(77u));
            Assert.That(((StartStreaming)start).ExtendedHeader, Is.True, "EncoreDefault asks for the extended header (bit 23)");
        }
    }

    [Test]
    public void Host_only_request_streams_nothing_by_default()
    {
        var decision = Verified().Receive(new EventStreamRequestMessage(0, RequestFlags.HostOnly));
        Assert.That(decision, Is.TypeOf<StartStreaming>().With.Property(nameof(StartStreaming.HostOnly)).True);
    }

    private static IEnumerable<TestCaseData> Refusals()
    {
        yield return new TestCaseData(new IMessage[] { Requests.Streaming(0) }, ServerErrorCode.OutOfOrder).SetName("Streaming_request_without_extended_request_is_out_of_order");
        yield return new TestCaseData(new IMessage[] { new EventStreamRequestMessage(0, RequestFlags.MetadataV4), new EventStreamRequestMessage(0, RequestFlags.MetadataV4) }, ServerErrorCode.OutOfOrder).SetName("Second_request_is_out_of_order");
        yield return new TestCaseData(new IMessage[] { new EventStreamRequestMessage(0, RequestFlags.EncoreDefault), new StreamingRequestMessage(9, RequestFlags.EncoreDefault, 0, []) }, ServerErrorCode.UnexpectedMessage).SetName("Streaming_request_for_another_service_is_refused");
        yield return new TestCaseData(new IMessage[] { HostRequest(2) }, ServerErrorCode.OutOfOrder).SetName("Host_request_before_a_stream_request_is_out_of_order");
        yield return new TestCaseData(new IMessage[] { new EventStreamRequestMessage(0, RequestFlags.HostOnly), HostRequest(2, "10.9.9.9") }, ServerErrorCode.UnknownHost).SetName("Single_host_request_for_an_unknown_host_is_refused");
        yield return new TestCaseData(new IMessage[] { StreamingInformationMessage.EStreamerOnly }, ServerErrorCode.UnexpectedMessage).SetName("Server_message_from_a_client_is_unexpected");
    }

    [TestCaseSource(nameof(Refusals))]
    public void Bad_message_is_refused_with_an_error_code_and_the_session_closes(IMessage[] messages, int code)
    {
        var machine = Verified();
        RequestDecision decision = RequestDecision.None;
        foreach (var message in messages)
        {
            decision = machine.Receive(message);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(decision, Is.TypeOf<RefuseRequest>().With.Property(nameof(RefuseRequest.Code)).EqualTo(code));
            Assert.That(machine.State, Is.EqualTo(SessionState.Closed));
            Assert.That(machine.Receive(NullMessage.Instance), Is.SameAs(RequestDecision.None), "a closed session answers nothing");
        }
    }

    [Test]
    public void Client_error_closes_without_an_answer()
    {
        var machine = Verified();
        var error = new ErrorMessage(-1, "bye");
        Assert.That(machine.Receive(error), Is.EqualTo(new CloseOnClientError(error)));
        Assert.That(machine.State, Is.EqualTo(SessionState.Closed));
    }

    [Test]
    public void Null_acknowledges_bundles()
    {
        Assert.That(Verified().Receive(NullMessage.Instance), Is.TypeOf<AcknowledgeBundles>());
    }

    [Test]
    public void Host_requests_answer_one_host_or_a_list_ending_in_end_of_list()
    {
        var machine = Verified();
        machine.Receive(new EventStreamRequestMessage(0, RequestFlags.HostOnly));

        var single = machine.Receive(HostRequest(2));
        var multiple = machine.Receive(HostRequest(3, "10.0.0.0", "10.0.0.255"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(single, Is.TypeOf<SendHostData>());
            Assert.That(((SendHostData)single).Messages.Select(m => m.MessageType), Is.EqualTo(new[] { MessageType.SingleHostData }));
            Assert.That(((SendHostData)multiple).Messages, Has.Count.EqualTo(2));
            Assert.That(((SendHostData)multiple).Messages[^1], Is.SameAs(HostDataMessage.EndOfList));
        }
    }

    [Test]
    public void Peer_profile_pins_the_negotiated_profile()
    {
        var machine = new SessionRequestStateMachine(ClientProfile.Auto, _ => true, (_, _) => []);
        machine.Verified("encore38");
        var start = (StartStreaming)machine.Receive(new EventStreamRequestMessage(0, RequestFlags.MetadataV4));
        Assert.That(start.Negotiation.Profile, Is.EqualTo(ClientProfile.Encore38));
    }

    private static SessionRequestStateMachine Verified()
    {
        var machine = new SessionRequestStateMachine(
            ClientProfile.Auto,
            _ => true,
            (first, last) => Contains(first, last, Host.Address) ? [Host] : []);
        machine.Verified(null);
        return machine;
    }

    private static bool Contains(IPAddress first, IPAddress last, IPAddress address)
    {
        var value = Key(address);
        return Key(first) <= value && value <= Key(last);
    }

    private static uint Key(IPAddress address) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(address.MapToIPv4().GetAddressBytes());

    private static HostDataRequestMessage HostRequest(uint dataType, string start = "10.0.0.5", string? end = null) =>
        new(dataType, 0, IPAddress.Parse(start), IPAddress.Parse(end ?? start), WideAddresses: false);
}

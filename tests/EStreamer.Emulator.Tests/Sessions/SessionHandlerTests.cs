using EStreamer.Emulator.Sessions;
using EStreamer.Emulator.Sessions.Events;
using EStreamer.Emulator.Tests.Support;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Records.Intrusion;

namespace EStreamer.Emulator.Tests.Sessions;

/// <summary>The session stage in an embedded channel with an in-memory journal and a fake clock.</summary>
public sealed class SessionHandlerTests
{
    [Test]
    public void Plain_request_streams_the_journal_as_event_data()
    {
        using var session = new EmbeddedSession();
        Fill(session, 3);

        session.Send(new EventStreamRequestMessage(0, RequestFlags.ImpactAlerts));

        var written = session.Written();
        Assert.That(written, Has.All.TypeOf<EventDataMessage>());
        Assert.That(written.Cast<EventDataMessage>().Select(m => ((ImpactAlertRecord)m.Data.Record).EventId), Is.EqualTo(new uint[] { 1, 2, 3 }));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(session.Info.State, Is.EqualTo(SessionState.Streaming));
            Assert.That(session.Info.EventsSent, Is.EqualTo(3));
            Assert.That(session.Info.LastSequenceSent, Is.EqualTo(3), "journal sequences start at 1");
        }
    }

    [Test]
    public void Extended_request_sends_one_bundle_then_the_next_only_after_a_client_null()
    {
        using var session = new EmbeddedSession(options => options.BundleMaxEvents = 2);
        Fill(session, 5, intrusion: true);

        session.Send(new EventStreamRequestMessage(0, RequestFlags.EncoreDefault));
        Assert.That(session.Written(), Is.EqualTo(new IMessage[] { StreamingInformationMessage.EStreamerOnly }));

        session.Send(Requests.Streaming(0, Requests.Encore52Entries));
        var first = session.Written();
        Assert.That(first, Has.Count.EqualTo(1), "a window of one unacknowledged bundle");
        Assert.That(((MessageBundle)first[0]).SequenceNumber, Is.EqualTo(1u));

        session.Send(NullMessage.Instance);
        var second = session.Written();
        Assert.That(second, Has.Count.EqualTo(1));
        Assert.That(((MessageBundle)second[0]).SequenceNumber, Is.EqualTo(2u));
        Assert.That(session.Events.Events.Select(e => e.Event).OfType<BundleSent>().Select(b => b.Sequence), Is.EqualTo(new uint[] { 1, 2 }));
    }

    [Test]
    public void Default_bundles_hold_170_events_each()
    {
        // 170 built-in events are about 64 KiB, the size reference 6.3 suggests at most.
        using var session = new EmbeddedSession();
        Fill(session, 400, intrusion: true);
        session.Send(new EventStreamRequestMessage(0, RequestFlags.EncoreDefault));
        session.Written();
        session.Send(Requests.Streaming(0, Requests.Encore52Entries));

        var sizes = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            sizes.AddRange(session.Written().Cast<MessageBundle>().Select(b => b.Items.Count));
            session.Send(NullMessage.Instance);
        }

        Assert.That(sizes, Is.EqualTo(new[] { 170, 170, 60 }));
    }

    [Test]
    public void Keepalive_goes_out_after_the_idle_interval_once_a_request_arrived()
    {
        using var session = new EmbeddedSession(options => options.KeepaliveInterval = TimeSpan.FromSeconds(5));

        session.Advance(TimeSpan.FromSeconds(6));
        Assert.That(session.Written(), Is.Empty, "the server never speaks first");

        session.Send(new EventStreamRequestMessage(EventStreamRequestMessage.FromNow, RequestFlags.MetadataV4));
        Assert.That(session.Written(), Is.EqualTo(new IMessage[] { NullMessage.Instance }), "nothing to stream: the request is answered at once");
        Assert.That(session.Info.KeepalivesSent, Is.Zero, "the answer is no keep-alive");
        session.Advance(TimeSpan.FromSeconds(4));
        Assert.That(session.Written(), Is.Empty, "not idle long enough yet");

        session.Advance(TimeSpan.FromSeconds(2));
        Assert.That(session.Written(), Is.EqualTo(new IMessage[] { NullMessage.Instance }));
        Assert.That(session.Info.KeepalivesSent, Is.EqualTo(1));
        Assert.That(session.Events.Events.Select(e => e.Event), Has.One.TypeOf<KeepaliveSent>());
    }

    [Test]
    public async Task Bad_message_gets_an_error_then_the_channel_closes()
    {
        using var session = new EmbeddedSession();
        session.Send(StreamingInformationMessage.EStreamerOnly);

        var written = session.Written();
        Assert.That(written, Has.Count.EqualTo(1));
        Assert.That(written[0], Is.TypeOf<ErrorMessage>().With.Property(nameof(ErrorMessage.Code)).EqualTo(ServerErrorCode.UnexpectedMessage));
        await session.Channel.CloseCompletion.WaitAsync(TestClient.DefaultTimeout);
        Assert.That(session.Events.Events.Select(e => e.Event), Has.One.TypeOf<RequestRefused>());
    }

    [Test]
    public void Request_timeout_closes_a_silent_client_on_the_clock()
    {
        using var session = new EmbeddedSession(options => options.RequestTimeout = TimeSpan.FromSeconds(10));
        session.Advance(TimeSpan.FromSeconds(9));
        Assert.That(session.Channel.Open, Is.True);

        session.Advance(TimeSpan.FromSeconds(2));
        Assert.That(session.Channel.Open, Is.False);
        Assert.That(session.Written(), Is.Empty, "closed without a message");
    }

    [Test]
    public void Events_appended_after_the_start_are_streamed_when_they_arrive()
    {
        using var session = new EmbeddedSession();
        session.Send(new EventStreamRequestMessage(EventStreamRequestMessage.FromNow, RequestFlags.ImpactAlerts));
        Fill(session, 1);
        Assert.That(session.Written(), Is.EqualTo(new IMessage[] { NullMessage.Instance }), "before the source was read: only the Null answering the request");

        session.Run();
        Assert.That(session.Written(), Has.Count.EqualTo(1).And.All.TypeOf<EventDataMessage>());
    }

    /// <summary>Impact alerts for plain requests (bit 5), intrusion events for bundles; the same ids.</summary>
    private static void Fill(EmbeddedSession session, int count, bool intrusion = false)
    {
        for (uint i = 1; i <= count; i++)
        {
            session.Journal.Append(1_700_000_000 + i, intrusion ? new IntrusionEventRecord { EventId = i } : new ImpactAlertRecord { EventId = i }, []);
        }
    }
}

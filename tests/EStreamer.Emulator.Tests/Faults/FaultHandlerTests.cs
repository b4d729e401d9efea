using EStreamer.Emulator.Faults;
using EStreamer.Emulator.Sessions;
using EStreamer.Emulator.Sessions.Events;
using EStreamer.Emulator.Tests.Support;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Intrusion;

namespace EStreamer.Emulator.Tests.Faults;

/// <summary>The faults stage in an embedded channel beside the session, on a fake clock.</summary>
public sealed class FaultHandlerTests
{
    [Test]
    public void Count_fault_fires_right_after_the_message_that_reaches_the_count()
    {
        var schedule = new FaultSchedule([new Fault { Kind = FaultKind.ErrorMessage, AfterMessages = 2, Code = 42, Text = "scripted" }], DateTimeOffset.UnixEpoch);
        using var session = new EmbeddedSession(options => options.BundleMaxEvents = 1, schedule);
        Fill(session, 5);

        Open(session);
        var written = session.Written();
        Assert.That(written.Select(m => m.GetType()), Is.EqualTo(new[] { typeof(StreamingInformationMessage), typeof(MessageBundle), typeof(ErrorMessage) }));
        Assert.That(written[^1], Is.EqualTo(new ErrorMessage(42, "scripted")));
        Assert.That(session.Events.Events.Select(e => e.Event).OfType<FaultFired>().Single().Kind, Is.EqualTo(FaultKind.ErrorMessage));
    }

    [Test]
    public void Timed_fault_fires_at_its_time_on_the_clock()
    {
        using var probe = new EmbeddedSession();
        var start = probe.Clock.GetUtcNow();
        var schedule = new FaultSchedule([new Fault { Kind = FaultKind.WrongHeaderVersion, At = TimeSpan.FromSeconds(10), Connection = 1 }], start);
        using var session = new EmbeddedSession(faults: schedule);

        // Connection 1 is the first streaming session: the fault is armed once the request is accepted.
        session.Send(new EventStreamRequestMessage(EventStreamRequestMessage.FromNow, RequestFlags.MetadataV4));
        Assert.That(session.Written(), Is.EqualTo(new IMessage[] { NullMessage.Instance }), "nothing to stream yet: the request is answered with a Null");
        session.Advance(TimeSpan.FromSeconds(9));
        Assert.That(session.WrittenBytes(), Is.Empty);

        session.Advance(TimeSpan.FromSeconds(1));
        Assert.That(session.WrittenBytes().Select(Convert.ToHexString), Is.EqualTo(new[] { "0002000000000000" }));
    }

    [Test]
    public void Scoped_timed_fault_waits_for_its_session_to_stream_and_fires_at_once_if_its_time_has_passed()
    {
        using var probe = new EmbeddedSession();
        var schedule = new FaultSchedule([new Fault { Kind = FaultKind.WrongHeaderVersion, At = TimeSpan.FromSeconds(10), Connection = 1 }], probe.Clock.GetUtcNow());
        using var session = new EmbeddedSession(faults: schedule);

        session.Advance(TimeSpan.FromSeconds(20));
        Assert.That(session.WrittenBytes(), Is.Empty, "a verified session that sent no request is no streaming session");

        session.Send(new EventStreamRequestMessage(EventStreamRequestMessage.FromNow, RequestFlags.MetadataV4));
        Assert.That(session.WrittenBytes().Select(Convert.ToHexString), Does.Contain("0002000000000000"));
    }

    [Test]
    public void Stall_holds_streaming_and_keepalives_until_its_end()
    {
        using var session = new EmbeddedSession(options =>
        {
            options.BundleMaxEvents = 1;
            options.KeepaliveInterval = TimeSpan.FromSeconds(1);
        });
        Fill(session, 3);
        Open(session);
        Assert.That(session.Written(), Has.Count.EqualTo(2), "Streaming Information and the first bundle");

        Assert.That(session.Session.InjectFault(new Fault { Kind = FaultKind.Stall, Duration = TimeSpan.FromSeconds(5) }), Is.True);
        session.Run();
        session.Send(NullMessage.Instance);
        session.Advance(TimeSpan.FromSeconds(3));
        Assert.That(session.Written(), Is.Empty, "no bundle and no keep-alive while stalled");
        Assert.That(session.Info.KeepalivesSent, Is.Zero);

        session.Advance(TimeSpan.FromSeconds(2));
        Assert.That(session.Written(), Has.Some.TypeOf<MessageBundle>(), "streaming resumes");
    }

    [Test]
    public void Unknown_record_type_goes_out_the_way_the_session_delivers_records()
    {
        using var session = new EmbeddedSession();
        Open(session);
        session.Written();

        session.Session.InjectFault(new Fault { Kind = FaultKind.UnknownRecordType, RecordType = 7777 });
        session.Run();
        var bundle = session.Written().OfType<MessageBundle>().Single();
        Assert.That(bundle.Items.Single().Record.RecordType, Is.EqualTo((RecordType)7777));
        Assert.That(bundle.SequenceNumber, Is.EqualTo(1u), "it takes the connection's next bundle number");
    }

    [Test]
    public async Task Truncated_message_writes_half_a_message_then_closes()
    {
        using var session = new EmbeddedSession();
        Open(session);
        session.Written();

        session.Session.InjectFault(new Fault { Kind = FaultKind.TruncatedMessage });
        session.Run();
        var bytes = session.WrittenBytes().Single();
        var promised = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4));
        Assert.That(bytes.Length - MessageHeader.Size, Is.LessThan(promised));
        await session.Channel.CloseCompletion.WaitAsync(TestClient.DefaultTimeout);
        Assert.That(session.Info.CloseReason, Is.EqualTo("fault: truncated message"));
    }

    [Test]
    public void Slow_drip_lets_bytes_out_in_slices_on_the_clock()
    {
        using var session = new EmbeddedSession();
        Open(session);
        session.Written();

        session.Session.InjectFault(new Fault { Kind = FaultKind.SlowDrip, BytesPerSecond = 40 });
        session.Run();
        session.Session.InjectFault(new Fault { Kind = FaultKind.UnknownRecordType });
        session.Run();
        Assert.That(session.WrittenBytes(), Is.Empty, "held until the first slice");

        session.Advance(TimeSpan.FromMilliseconds(100));
        Assert.That(session.WrittenBytes().Single(), Has.Length.EqualTo(4), "40 bytes a second: 4 bytes a slice");
    }

    [Test]
    public void Faults_do_nothing_once_the_session_closed()
    {
        using var session = new EmbeddedSession();
        session.Send(new ErrorMessage(1, "client leaves"));
        Assert.That(session.Session.InjectFault(new Fault { Kind = FaultKind.WrongHeaderVersion }), Is.False);
    }

    private static void Open(EmbeddedSession session)
    {
        session.Send(new EventStreamRequestMessage(0, RequestFlags.EncoreDefault));
        session.Send(Requests.Streaming(0, Requests.Encore52Entries));
    }

    private static void Fill(EmbeddedSession session, int count)
    {
        for (uint i = 1; i <= count; i++)
        {
            session.Journal.Append(1_700_000_000 + i, new IntrusionEventRecord { EventId = i }, []);
        }
    }
}

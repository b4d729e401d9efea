using EStreamer.Emulator.Tests.Support;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Records.Intrusion;

namespace EStreamer.Emulator.Tests.Sessions;

/// <summary>
/// Flag-only sessions are paced by the client's Nulls (reference 3.1, 7.1): at most
/// <c>MaxUnacknowledgedEventData</c> Event Data messages unanswered, each Null releasing one.
/// </summary>
public sealed class FlagOnlyPacingTests
{
    [Test]
    public void Window_of_event_data_messages_stops_the_stream_and_each_null_releases_one()
    {
        using var session = new EmbeddedSession(options => options.MaxUnacknowledgedEventData = 3);
        for (uint i = 1; i <= 10; i++)
        {
            session.Journal.Append(1_700_000_000 + i, new ImpactAlertRecord { EventId = i }, []);
        }

        session.Send(new EventStreamRequestMessage(0, RequestFlags.ImpactAlerts));
        Assert.That(Ids(session.Written()), Is.EqualTo(new uint[] { 1, 2, 3 }), "three unanswered messages fill the window");

        session.Send(NullMessage.Instance);
        Assert.That(Ids(session.Written()), Is.EqualTo(new uint[] { 4 }), "one Null, one more message");

        session.Send(NullMessage.Instance);
        session.Send(NullMessage.Instance);
        Assert.That(Ids(session.Written()), Is.EqualTo(new uint[] { 5, 6 }));
        Assert.That(session.Info.EventsSent, Is.EqualTo(6));
    }

    [Test]
    public void Request_with_nothing_to_stream_is_answered_with_one_null_at_once()
    {
        using var session = new EmbeddedSession();
        session.Send(new EventStreamRequestMessage(EventStreamRequestMessage.FromNow, RequestFlags.ImpactAlerts));
        Assert.That(session.Written(), Is.EqualTo(new IMessage[] { NullMessage.Instance }));

        session.Journal.Append(1_700_000_001, new ImpactAlertRecord { EventId = 1 }, []);
        session.Run();
        Assert.That(Ids(session.Written()), Is.EqualTo(new uint[] { 1 }), "later turns send data only");
    }

    [Test]
    public void Nulls_sent_before_any_data_bank_nothing()
    {
        using var session = new EmbeddedSession(options => options.MaxUnacknowledgedEventData = 2);
        session.Send(new EventStreamRequestMessage(EventStreamRequestMessage.FromNow, RequestFlags.ImpactAlerts));
        for (var i = 0; i < 5; i++)
        {
            session.Send(NullMessage.Instance);
        }

        for (uint i = 1; i <= 5; i++)
        {
            session.Journal.Append(1_700_000_000 + i, new ImpactAlertRecord { EventId = i }, []);
        }

        session.Run();
        Assert.That(Ids(session.Written().Where(m => m is not NullMessage).ToList()), Is.EqualTo(new uint[] { 1, 2 }), "the window stays two whatever Nulls came before");
    }

    private static uint[] Ids(List<IMessage> written) =>
        written.Cast<EventDataMessage>().Select(m => ((ImpactAlertRecord)m.Data.Record).EventId).ToArray();
}

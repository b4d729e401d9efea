using EStreamer.Emulator.Faults;
using EStreamer.Emulator.Sessions.Events;
using EStreamer.Protocol.Negotiation;

namespace EStreamer.Emulator.Tests.Sessions;

/// <summary>The journal's "kind" and "detail" words, made from typed session events in one place.</summary>
public sealed class SessionEventTextTests
{
    private static readonly (SessionEvent Event, string Kind, string Detail)[] Cases =
    [
        (new StreamingInformationSent(), "streaming-information", "extended bit set: sent Streaming Information (service 6667)"),
        (new NegotiationNote("metadata capped at v4"), "negotiation-note", "metadata capped at v4"),
        (new Negotiated(true, "Intrusion v9", ClientProfile.Encore52, true), "negotiated", "bundles: Intrusion v9; profile Encore52; header extended"),
        (new StreamingStarted(0, 1), "start", "initial timestamp 0: streaming from journal sequence 1"),
        (new RequestRefused(3, "late"), "request-error", "Error 3 \"late\" then close"),
        (new KeepaliveSent(), "keepalive", "writer idle: sent Null"),
        (new BundleSent(3, 5), "bundle", "bundle 3 sent with 5 records"),
        (new FaultFired(FaultKind.Stall, "for 5s"), "fault", "Stall: for 5s"),
    ];

    [Test]
    public void Every_event_reads_as_the_journal_always_showed_it()
    {
        using (Assert.EnterMultipleScope())
        {
            foreach (var (e, kind, detail) in Cases)
            {
                Assert.That(SessionEventText.Kind(e), Is.EqualTo(kind));
                Assert.That(SessionEventText.Detail(e), Is.EqualTo(detail));
            }
        }
    }

    [Test]
    public void Every_session_event_type_has_its_words()
    {
        var types = typeof(SessionEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(SessionEvent)) && !t.IsAbstract);
        Assert.That(Cases.Select(c => c.Event.GetType()), Is.EquivalentTo(types), "a new event type needs a journal kind and a case here");
    }
}

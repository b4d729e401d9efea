using EStreamer.Protocol.Negotiation;

namespace EStreamer.Protocol.Tests.Negotiation;

/// <summary>
/// Every version a client can ask for gets its family: its own layout, the highest lower one, or, below the
/// oldest layout implemented, the nearest documented one standing in, with a note that says so.
/// </summary>
public sealed class VersionCoverageTests
{
    private static readonly EventFamily[] Families =
    [
        EventFamily.Intrusion, EventFamily.Metadata, EventFamily.Correlation, EventFamily.Discovery, EventFamily.Connection,
        EventFamily.UserActivity, EventFamily.Malware, EventFamily.File, EventFamily.ImpactAlert,
    ];

    private static IEnumerable<TestCaseData> EveryVersion() =>
        from family in Families
        from version in Enumerable.Range(1, LayoutTable.ImplementedVersions(family).Max())
        select new TestCaseData(family, (ushort)version).SetName($"{family} v{version} is streamed");

    [TestCaseSource(nameof(EveryVersion))]
    public void Every_version_up_to_the_newest_is_streamed(EventFamily family, ushort version)
    {
        var negotiation = Negotiate(family, version);

        var sent = negotiation.VersionOf(family);
        Assert.That(sent, Is.Not.Null);
        if (sent == version)
        {
            Assert.That(negotiation.Notes, Is.Empty);
        }
        else
        {
            Assert.That(negotiation.Notes, Has.One.Contains($"{family} v{version} requested"));
        }
    }

    [Test]
    public void A_version_older_than_any_layout_says_which_one_stands_in()
    {
        var negotiation = Negotiate(EventFamily.File, 3);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(negotiation.VersionOf(EventFamily.File), Is.EqualTo(6));
            Assert.That(negotiation.Notes, Is.EqualTo(new[] { "File v3 requested: no public layout for this version; the nearest documented one, v6, stands in" }));
        }
    }

    [Test]
    public void A_version_between_layouts_falls_back_to_the_highest_lower_one()
    {
        var negotiation = Negotiate(EventFamily.Connection, 15);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(negotiation.VersionOf(EventFamily.Connection), Is.EqualTo(14));
            Assert.That(negotiation.Notes, Is.EqualTo(new[] { "Connection v15 requested: downgraded to v14" }));
        }
    }

    private static StreamNegotiation Negotiate(EventFamily family, ushort version)
    {
        var requested = new RequestedVersions();
        requested.Add(family, version);
        return StreamNegotiation.Negotiate(requested, ClientProfile.Auto, sentStreamingRequest: true, _ => true);
    }
}

using DotNetty.Buffers;
using EStreamer.Emulator.Events;
using EStreamer.Emulator.Sessions;
using EStreamer.Emulator.Tests.Support;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Negotiation;
using EStreamer.Scenarios.Loading;

namespace EStreamer.Emulator.Tests.Sessions;

/// <summary>
/// The journal keeps events as their records' stored bodies, and a session sends either those bytes as they are or
/// the record decoded from them and shaped for its negotiation. Whatever the path, every client must get the bytes
/// it would get from the record the scenario made: each shipped scenario's events are sent through a journal that
/// holds the records themselves and one that stores bodies, for every request form the server knows (eNcore 5.2
/// and 3.8, flag-only requests, each implemented version of each family alone), and the messages compared byte for byte.
/// </summary>
public sealed class StoredBodyTests
{
    /// <summary>Events taken from each scenario: every record type of the catalogue scenarios, and plenty of each family.</summary>
    private const int EventsPerScenario = 600;

    private static readonly string[] Scenarios = [.. ScenarioLoader.ExampleNames];

    [TestCaseSource(nameof(Scenarios))]
    public void Every_client_gets_the_same_bytes_from_stored_bodies_as_from_the_records(string scenario)
    {
        var (records, bodies) = BothJournals(scenario);
        Assert.That(bodies.Count(e => !e.Body.IsEmpty), Is.GreaterThan(bodies.Count / 2), "most events are held as stored bodies");

        var compared = new HashSet<long>();
        foreach (var (name, negotiation) in Negotiations())
        {
            foreach (var extended in new[] { true, false })
            {
                var fromRecords = new DataMessageBuilder(new SharedEncodings());
                var fromBodies = new DataMessageBuilder(new SharedEncodings());
                fromRecords.Configure(negotiation, extended);
                fromBodies.Configure(negotiation, extended);
                for (var i = 0; i < records.Count; i++)
                {
                    if (!negotiation.Streams(records[i].Type) || RecordFamilies.FamilyOf(records[i].Type) == EventFamily.Metadata)
                    {
                        continue;
                    }

                    var archive = extended ? records[i].ArchiveTimestamp : 0;
                    var expected = Outcome(fromRecords, PendingItem.ForEvent(records[i], archive));
                    var actual = Outcome(fromBodies, PendingItem.ForEvent(bodies[i], archive));
                    Assert.That(actual, Is.EqualTo(expected), $"{scenario}, {name}, extended header {extended}: event {records[i].Sequence}, record {records[i].Type}");
                    compared.Add(records[i].Sequence);
                }
            }
        }

        Assert.That(bodies.Where(e => !e.Body.IsEmpty).Select(e => e.Sequence), Is.SubsetOf(compared), "every stored body sent by some negotiation");
    }

    [Test]
    public void A_record_decoded_from_its_stored_body_equals_the_record_the_scenario_made()
    {
        var (records, bodies) = BothJournals("every-record");
        for (var i = 0; i < records.Count; i++)
        {
            Assert.That(bodies[i].Record, Is.EqualTo(records[i].Record), $"event {records[i].Sequence}, record {records[i].Type}");
        }
    }

    /// <summary>The Event Data message the builder writes, as hex, or the message of the exception it throws instead.</summary>
    private static string Outcome(DataMessageBuilder builder, PendingItem item)
    {
        try
        {
            var buffer = builder.EventData(UnpooledByteBufferAllocator.Default, item);
            try
            {
                var bytes = new byte[buffer.ReadableBytes];
                buffer.ReadBytes(bytes);
                return Convert.ToHexString(bytes);
            }
            finally
            {
                buffer.Release();
            }
        }
        catch (RecordNotEncodableException failure)
        {
            return "not encodable: " + failure.Message;
        }
    }

    /// <summary>The same events in a journal that holds the records and in one that stores bodies, read back in order.</summary>
    private static (List<StoredEvent> Records, List<StoredEvent> Bodies) BothJournals(string scenario)
    {
        var plan = ScenarioLoader.LoadExample(scenario).Compile(DateTimeOffset.UtcNow);
        var events = plan.Events.Take(EventsPerScenario).Select((e, i) => ((uint)(1_700_000_000 + i), e.Record, e.Metadata)).ToList();
        var read = new List<List<StoredEvent>>();
        foreach (var storeBodies in new[] { false, true })
        {
            var journal = new EventJournal(EventsPerScenario, storeBodies);
            journal.Append(events);
            var stored = new List<StoredEvent>();
            journal.Read(journal.StartSequence(0), EventsPerScenario, stored);
            read.Add(stored);
        }

        Assert.That(read[1], Has.Count.EqualTo(read[0].Count));
        return (read[0], read[1]);
    }

    private static IEnumerable<(string Name, StreamNegotiation Negotiation)> Negotiations()
    {
        yield return ("eNcore 5.2", Requests.Negotiated(Requests.Encore52Entries));
        yield return ("eNcore 3.8", Requests.Negotiated(Requests.Encore38Entries));
        foreach (var flags in new[] { RequestFlags.EncoreDefault, (RequestFlags)0x01F40065u, (RequestFlags)0xFFFFFFFFu & ~RequestFlags.ExtendedRequest })
        {
            yield return ($"flags 0x{(uint)flags:X8} alone", StreamNegotiation.Negotiate(RequestedVersions.FromFlags(flags), ClientProfile.Auto, sentStreamingRequest: false, _ => true));
        }

        foreach (var family in Enum.GetValues<EventFamily>())
        {
            foreach (var version in LayoutTable.ImplementedVersions(family))
            {
                if ((ushort)family >= 0xF000)
                {
                    continue;
                }

                var requested = RequestedVersions.FromFlags(RequestFlags.EncoreDefault);
                requested.Add(family, version);
                yield return ($"{family} v{version}", StreamNegotiation.Negotiate(requested, ClientProfile.Auto, sentStreamingRequest: true, _ => true));
            }
        }
    }
}

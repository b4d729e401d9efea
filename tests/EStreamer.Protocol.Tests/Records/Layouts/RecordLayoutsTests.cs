using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Layouts;

namespace EStreamer.Protocol.Tests.Records.Layouts;

/// <summary>
/// Every declared layout, whoever declared it: a record with no values set must encode (zeros, empty
/// text, empty lists, blocks of zeros) and decode back to the same bytes, so that a malformed declaration
/// fails here rather than in a session.
/// </summary>
public sealed class RecordLayoutsTests
{
    private static IEnumerable<TestCaseData> Layouts() =>
        RecordLayouts.All.Select(layout => new TestCaseData(layout).SetName($"{layout.Name} ({(uint)layout.RecordType})"));

    [TestCaseSource(nameof(Layouts))]
    public void An_empty_record_round_trips_to_the_same_bytes(RecordLayout layout)
    {
        var bytes = RecordCodec.WriteBody(new LayoutRecord(layout, new FieldValues()));

        var decoded = RecordCodec.ReadBody(layout.RecordType, bytes);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(decoded, Is.TypeOf<LayoutRecord>().With.Property(nameof(LayoutRecord.Layout)).SameAs(layout));
            Assert.That(Hex.Format(RecordCodec.WriteBody(decoded)), Is.EqualTo(Hex.Format(bytes)));
        }
    }
}

/// <summary>Two layout records are equal, and hash alike, exactly when their type and bytes are the same.</summary>
public sealed class LayoutRecordEqualityTests
{
    [Test]
    public void Records_with_the_same_bytes_are_equal_and_hash_alike_and_one_changed_field_is_not()
    {
        var layout = RecordLayouts.All.First(l => l.Fields.Any(f => f.Name == "name"));
        LayoutRecord Named(string name) => new(layout, new FieldValues().Set("name", name));

        var first = Named("alpha");
        var second = Named("alpha");
        var other = Named("alphb");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(second, Is.EqualTo(first));
            Assert.That(second.GetHashCode(), Is.EqualTo(first.GetHashCode()));
            Assert.That(other, Is.Not.EqualTo(first));
            Assert.That(new HashSet<IRecord> { first, second, other }, Has.Count.EqualTo(2));
        }
    }
}

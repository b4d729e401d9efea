using EStreamer.Emulator.Tests.Support;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Records;

namespace EStreamer.Emulator.Tests.Sessions;

/// <summary>
/// Encoding a record into a writer that has room allocates nothing: the streaming hot path. Measured per record
/// type over the built-in traffic (every family and the record catalogue), after a first encoding of each.
/// </summary>
public sealed class EncodingAllocationTests
{
    [Test]
    public void Encoding_any_built_in_record_allocates_nothing()
    {
        var records = BuiltInHistory.Of(seed: 5, events: 2_000).Compile(DateTimeOffset.UtcNow).Events
            .SelectMany(e => e.Metadata.Prepend(e.Record))
            .ToList();
        var writer = new WireWriter(1 << 20);
        foreach (var record in records)
        {
            RecordCodec.WritePayload(writer, new EventData(record, 1, ExtendedHeader: true));
            writer.Reset();
        }

        var allocating = new Dictionary<RecordType, long>();
        foreach (var record in records)
        {
            var data = new EventData(record, 1, ExtendedHeader: true);
            var before = GC.GetAllocatedBytesForCurrentThread();
            RecordCodec.WritePayload(writer, data);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            writer.Reset();
            if (allocated > 0)
            {
                allocating[record.RecordType] = Math.Max(allocating.GetValueOrDefault(record.RecordType), allocated);
            }
        }

        Assert.That(records.Select(r => r.RecordType).Distinct().Count(), Is.GreaterThan(50), "the built-in traffic walks the catalogue");
        Assert.That(allocating.Select(a => $"{a.Key} ({(uint)a.Key}): {a.Value} bytes"), Is.Empty);
    }
}

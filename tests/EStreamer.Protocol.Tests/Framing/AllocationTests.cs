using System.Net;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Connection;
using EStreamer.Protocol.Records.Intrusion;

namespace EStreamer.Protocol.Tests.Framing;

/// <summary>
/// Encoding writes fields straight into the writer's pooled buffer: once that buffer is large enough,
/// encoding a record allocates nothing at all. Measured with the runtime's per-thread allocation counter.
/// </summary>
public sealed class AllocationTests
{
    private static IEnumerable<TestCaseData> Records()
    {
        yield return new TestCaseData(new IntrusionEventRecord
        {
            BlockType = 85,
            SourceIp = IPAddress.Parse("10.1.2.3"),
            DestinationIp = IPAddress.Parse("2001:db8::1"),
            IntrusionPolicyUuid = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"),
            HttpHostname = "portal.example.com",
            HttpUri = "/login?user=é",
        }).SetName("Intrusion event, block 85");
        yield return new TestCaseData(new ConnectionStatisticsRecord
        {
            BlockType = 174,
            InitiatorIp = IPAddress.Parse("10.0.0.1"),
            ClientUrl = "https://example.com/",
            DnsQuery = "example.com",
        }).SetName("Connection statistics, block 174");
    }

    [TestCaseSource(nameof(Records))]
    public void Encoding_a_record_allocates_nothing_beyond_the_output_buffer(IRecord record)
    {
        using var writer = new WireWriter(64 * 1024);
        var data = new EventData(record, 1_800_000_000);
        var bundle = new MessageBundle(1, 1, new[] { data, data });

        // Warm up: JIT, static tables, the first growth of nothing (the buffer is already large).
        for (var i = 0; i < 10; i++)
        {
            writer.Reset();
            MessageCodec.Write(writer, bundle);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            writer.Reset();
            RecordCodec.WritePayload(writer, data);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero);
    }
}

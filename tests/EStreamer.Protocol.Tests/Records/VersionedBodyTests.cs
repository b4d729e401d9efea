using System.Net;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Connection;
using EStreamer.Protocol.Records.Correlation;
using EStreamer.Protocol.Records.Files;
using EStreamer.Protocol.Records.Intrusion;
using EStreamer.Protocol.Records.Users;

namespace EStreamer.Protocol.Tests.Records;

/// <summary>
/// A versioned record written in another block type writes the bytes of a copy made with that block type:
/// sessions streaming an older layout write the stored record that way instead of copying it.
/// </summary>
public sealed class VersionedBodyTests
{
    private static IEnumerable<TestCaseData> Records()
    {
        IVersionedRecord[] records =
        [
            new ConnectionStatisticsRecord { InitiatorIp = IPAddress.Parse("10.0.0.1"), ResponderIp = IPAddress.Parse("2001:db8::2"), InitiatorPort = 49152, ResponderPort = 443 },
            new IntrusionEventRecord { SourceIp = IPAddress.Parse("10.1.2.3"), DestinationIp = IPAddress.Parse("10.3.2.1"), HttpHostname = "portal.example.com", HttpUri = "/é" },
            new FileEventRecord { SourceIp = IPAddress.Parse("10.0.0.5"), DestinationIp = IPAddress.Parse("10.0.0.6"), FileName = "report.pdf", FileSize = 1234 },
            new MalwareEventRecord(),
            new UserRecord(),
            new UserActivityRecord { UserId = 0x101, UserName = "alice" },
            new LegacyCorrelationEventRecord { Description = "policy violation" },
        ];
        foreach (var record in records)
        {
            foreach (var block in record.SupportedBlockTypes)
            {
                yield return new TestCaseData(record, block).SetName($"{record.GetType().Name}_block_{block}");
            }
        }
    }

    [TestCaseSource(nameof(Records))]
    public void Writing_in_a_block_type_equals_writing_a_copy_with_it(IVersionedRecord record, uint blockType)
    {
        using var copy = new WireWriter();
        record.WithBlockType(blockType).WriteBody(copy);
        using var direct = new WireWriter();
        record.WriteBody(direct, blockType);
        Assert.That(Hex.Format(direct.WrittenSpan), Is.EqualTo(Hex.Format(copy.WrittenSpan)));
    }
}

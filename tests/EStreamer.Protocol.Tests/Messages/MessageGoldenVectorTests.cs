using System.Net;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Metadata;

namespace EStreamer.Protocol.Tests.Messages;

/// <summary>
/// Every message type against bytes written by hand from the reference's offset tables (sections 2, 4,
/// 5, 6, 7, 8). Each vector is checked both ways: the encoder must produce it and the decoder must read
/// it back to the same fields.
/// </summary>
public sealed class MessageGoldenVectorTests
{
    private static readonly RuleMessageRecord TestRule = new(
        GeneratorId: 1,
        RuleId: 1_000_001,
        RuleRevision: 0,
        RenderedSignatureId: 31337,
        RuleUuid: Guid.Empty,
        RuleRevisionUuid: Guid.Empty,
        Message: "TEST");

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return Case("Null", NullMessage.Instance, "0001 0000 00000000");

        // Reference 7.2 example: code -1, "Invalid request".
        yield return Case(
            "Error",
            new ErrorMessage(-1, "Invalid request"),
            "0001 0001 00000015 | FFFFFFFF | 000F | 496E76616C69642072657175657374");

        // Reference 4.1 example: eNcore's default flags with a bookmark of 0x5F5E1000.
        yield return Case(
            "Event Stream Request",
            new EventStreamRequestMessage(0x5F5E1000, RequestFlags.EncoreDefault),
            "0001 0002 00000008 | 5F5E1000 | 48900061");

        // Reference 6.3: the rule message record as a stand-alone Event Data message, extended header.
        yield return Case(
            "Event Data with extended header",
            new EventDataMessage(new EventData(TestRule)),
            """
            0001 0004 00000046          # header: version 1, type 4, length 70
            00000042 00000036           # record type 66, record length 54
            00000000 00000000           # archive timestamp 0, reserved 0
            00000001 000F4241 00000000  # gid 1, rule ID 1000001, revision 0
            00007A69 0004               # rendered SID 31337, message length 4
            00000000000000000000000000000000  # rule UUID
            00000000000000000000000000000000  # revision UUID
            54455354                    # "TEST"
            """);

        yield return Case(
            "Event Data with standard header",
            new EventDataMessage(new EventData(TestRule, ExtendedHeader: false)),
            """
            0001 0004 0000003E          # length 8 + 54
            00000042 00000036           # record type 66, record length 54
            00000001 000F4241 00000000 00007A69 0004
            00000000000000000000000000000000 00000000000000000000000000000000
            54455354
            """);

        // Reference 8.1: data type 7, flags 0x3, IPv4 addresses (message length 16).
        yield return Case(
            "Host Data Request, IPv4",
            new HostDataRequestMessage(7, 3, IPAddress.Parse("192.168.0.1"), IPAddress.Parse("192.168.0.255"), WideAddresses: false),
            "0001 0005 00000010 | 00000007 | 00000003 | C0A80001 | C0A800FF");

        yield return Case(
            "Host Data Request, IPv6",
            new HostDataRequestMessage(7, 3, IPAddress.Parse("2001:db8::1"), IPAddress.Parse("2001:db8::ff"), WideAddresses: true),
            "0001 0005 00000028 | 00000007 | 00000003 | 20010DB8000000000000000000000001 | 20010DB80000000000000000000000FF");

        // Reference 8.2: no record header, the payload is directly a block (type, length incl. 8).
        yield return Case(
            "Single Host Data",
            new HostDataMessage(MessageType.SingleHostData, 92, new byte[] { 1, 2, 3, 4 }),
            "0001 0006 0000000C | 0000005C 0000000C | 01020304");

        yield return Case(
            "Multiple Host Data",
            new HostDataMessage(MessageType.MultipleHostData, 92, new byte[] { 9 }),
            "0001 0007 00000009 | 0000005C 00000009 | 09");

        yield return Case("Multiple Host Data end of list", HostDataMessage.EndOfList, "0001 0007 00000000");

        // Reference 5.3: eNcore 3.8's 2049, byte for byte; service length = whole payload (56).
        yield return Case(
            "Streaming Request, eNcore 3.8",
            new StreamingRequestMessage(
                6667,
                RequestFlags.EncoreDefault,
                0x5F5E1000,
                new EventTypeEntry[] { new(9, 12), new(4, 21), new(9, 31), new(11, 61), new(14, 71), new(7, 91), new(7, 101), new(6, 111), new(2, 131) },
                ServiceLength: 56),
            """
            0001 0801 00000038
            00001A0B 00000038 48900061 5F5E1000
            0009 000C 0004 0015 0009 001F 000B 003D 000E 0047 0007 005B 0007 0065 0006 006F 0002 0083 0000 0000
            """);

        yield return Case(
            "Streaming Request, eNcore 5.2",
            new StreamingRequestMessage(
                6667,
                RequestFlags.EncoreDefault,
                0x5F5E1000,
                new EventTypeEntry[] { new(11, 12), new(4, 21), new(9, 31), new(11, 61), new(17, 71), new(7, 91), new(8, 101), new(7, 111), new(2, 131) },
                ServiceLength: 56),
            """
            0001 0801 00000038
            00001A0B 00000038 48900061 5F5E1000
            000B 000C 0004 0015 0009 001F 000B 003D 0011 0047 0007 005B 0008 0065 0007 006F 0002 0083 0000 0000
            """);

        // Reference 5.2: the recommended 24-byte answer.
        yield return Case(
            "Streaming Information",
            StreamingInformationMessage.EStreamerOnly,
            "0001 0803 00000010 | 00001A0B 00000008 00000000 00000000");

        // Reference 6.3 worked example: connection 7, sequence 1, one rule message item (94 bytes).
        yield return Case(
            "Message Bundle",
            new MessageBundle(7, 1, new[] { new EventData(TestRule) }),
            """
            00010FA2 00000056 00000007 00000001   # header, connection 7, sequence 1
            00000004 00000046                     # item type 4 (32-bit), item length 70
            00000042 00000036 00000000 00000000   # record 66, length 54, archive 0, reserved 0
            00000001 000F4241 00000000 00007A69 0004
            00000000000000000000000000000000 00000000000000000000000000000000
            54455354
            """);
    }

    [TestCaseSource(nameof(Cases))]
    public void Encoder_writes_the_golden_bytes(IMessage message, string hex)
    {
        Assert.That(Hex.Format(MessageCodec.Encode(message)), Is.EqualTo(Hex.Format(Hex.Parse(hex))));
    }

    [TestCaseSource(nameof(Cases))]
    public void Decoder_reads_the_golden_bytes_back(IMessage message, string hex)
    {
        Assert.That(MessageCodec.Read(Hex.Parse(hex)), Is.EqualTo(message));
    }

    [Test]
    public void Bundle_worked_example_is_94_bytes()
    {
        var bytes = MessageCodec.Encode(new MessageBundle(7, 1, new[] { new EventData(TestRule) }));
        Assert.That(bytes, Has.Length.EqualTo(94));
    }

    [Test]
    public void Streaming_request_service_length_is_not_trusted()
    {
        // Guide example reading (length 20 = bytes after type and length), and a nonsense length: both parse.
        var guideForm = Hex.Parse("0001 0801 0000001C | 00001A0B 00000014 00000000 00000000 | 0006 0047 0004 0015 0000 0000");
        var nonsense = Hex.Parse("0001 0801 0000001C | 00001A0B FFFFFFFF 00000000 00000000 | 0006 0047 0004 0015 0000 0000");
        using (Assert.EnterMultipleScope())
        {
            foreach (var bytes in new[] { guideForm, nonsense })
            {
                var request = (StreamingRequestMessage)MessageCodec.Read(bytes);
                Assert.That(request.Entries.ToArray(), Is.EqualTo(new[] { new EventTypeEntry(6, 71), new EventTypeEntry(4, 21) }));
            }
        }
    }

    [Test]
    public void Streaming_request_without_terminator_reads_to_the_end()
    {
        var bytes = Hex.Parse("0001 0801 00000014 | 00001A0B 00000014 00000000 00000000 | 000B 000C");
        var request = (StreamingRequestMessage)MessageCodec.Read(bytes);
        Assert.That(request.Entries.ToArray(), Is.EqualTo(new[] { new EventTypeEntry(11, 12) }));
    }

    [Test]
    public void Streaming_information_with_two_services_is_read_as_the_guide_shows()
    {
        // Reference 5.2: the guide's example advertises 6667 and 5000, each of service length 8.
        var bytes = Hex.Parse("0001 0803 00000020 | 00001A0B 00000008 00000000 00000000 | 00001388 00000008 00000000 00000000");
        var information = (StreamingInformationMessage)MessageCodec.Read(bytes);
        Assert.That(information.Services.Select(s => s.ServiceId), Is.EqualTo(new uint[] { 6667, 5000 }));
    }

    private static TestCaseData Case(string name, IMessage message, string hex) =>
        new TestCaseData(message, hex).SetName(name);
}

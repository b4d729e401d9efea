using System.Net;
using EStreamer.Protocol.Messages;
using EStreamer.Protocol.Negotiation;

namespace EStreamer.Client.Tests;

/// <summary>Requests the library builds, byte for byte against vectors written from the protocol reference.</summary>
public sealed class StreamRequestTests
{
    // Reference 4.1: eNcore's default request with a bookmark of 0x5F5E1000.
    private const string EncoreEventStreamRequest = "0001 0002 00000008 5F5E1000 48900061";

    // Reference 5.3: eNcore 5.2's Streaming Request for the same flags and start time.
    private const string Encore52StreamingRequest =
        "0001 0801 00000038 00001A0B 00000038 48900061 5F5E1000 000B 000C 0004 0015 0009 001F 000B 003D 0011 0047 0007 005B 0008 0065 0007 006F 0002 0083 0000 0000";

    // Reference 5.3: eNcore 3.8's, which differs only in the version words.
    private const string Encore38StreamingRequest =
        "0001 0801 00000038 00001A0B 00000038 48900061 5F5E1000 0009 000C 0004 0015 0009 001F 000B 003D 000E 0047 0007 005B 0007 0065 0006 006F 0002 0083 0000 0000";

    [Test]
    public void All_families_extended_is_encore_52s_request_and_streaming_request()
    {
        var request = StreamRequest.ForFamilies(StreamRequest.AllFamilies, extended: true, 0x5F5E1000);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(request.IsExtended, Is.True);
            Assert.That(Hex(request.ToEventStreamRequest()), Is.EqualTo(Bytes(EncoreEventStreamRequest)));
            Assert.That(Hex(request.ToStreamingRequest()), Is.EqualTo(Bytes(Encore52StreamingRequest)));
        }
    }

    [Test]
    public void Encore_presets_give_the_reference_streaming_requests()
    {
        var encore38 = new StreamRequest(0x5F5E1000, RequestFlags.EncoreDefault, StreamRequest.Encore38Entries);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Hex(StreamRequest.Encore52(0x5F5E1000).ToStreamingRequest()), Is.EqualTo(Bytes(Encore52StreamingRequest)));
            Assert.That(Hex(encore38.ToStreamingRequest()), Is.EqualTo(Bytes(Encore38StreamingRequest)));
        }
    }

    [Test]
    [Description("Reference 4.3: the newest flag bit of each family with one (bits 0, 5, 6, 18, 20-24, 27); malware and file have none.")]
    public void All_families_plain_sets_each_familys_newest_bit_and_leaves_out_the_flagless_ones()
    {
        var request = StreamRequest.ForFamilies(StreamRequest.AllFamilies, extended: false, EventStreamRequestMessage.FromOldest);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(request.IsExtended, Is.False);
            Assert.That(request.Entries, Is.Empty);
            Assert.That(Hex(request.ToEventStreamRequest()), Is.EqualTo(Bytes("0001 0002 00000008 00000000 09F40061")));
            Assert.That(StreamRequest.WithoutFlagBit(StreamRequest.AllFamilies), Is.EqualTo(new[] { EventFamily.Malware, EventFamily.File }));
        }
    }

    [Test]
    public void Extended_request_for_files_alone_keeps_the_extended_header_bit_and_names_file_version_7()
    {
        var request = StreamRequest.ForFamilies([EventFamily.File], extended: true, EventStreamRequestMessage.FromNow);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Hex(request.ToEventStreamRequest()), Is.EqualTo(Bytes("0001 0002 00000008 FFFFFFFF 40800000")));
            Assert.That(Hex(request.ToStreamingRequest()), Is.EqualTo(Bytes("0001 0801 00000018 00001A0B 00000018 40800000 FFFFFFFF 0007 006F 0000 0000")));
        }
    }

    [Test]
    public void Plain_factory_clears_the_extended_bit_and_extended_sets_it()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Hex(StreamRequest.Plain(1, RequestFlags.EncoreDefault).ToEventStreamRequest()), Is.EqualTo(Bytes("0001 0002 00000008 00000001 08900061")));
            Assert.That(StreamRequest.Extended(1, RequestFlags.IntrusionWithImpactFlags, new EventTypeEntry(11, 12)).Flags, Is.EqualTo((RequestFlags)0x40000040));
        }
    }

    [Test]
    [Description("Reference 8.1: data type, flags, start and end address; 4-byte addresses give length 16, 16-byte ones length 40.")]
    public void Host_requests_use_4_byte_addresses_for_ipv4_and_16_for_ipv6()
    {
        var single = HostRequest.Single(IPAddress.Parse("192.0.2.7"), HostDataRequestMessage.FlagHostNotes | HostDataRequestMessage.FlagServiceBanners);
        var range = HostRequest.Range(IPAddress.Parse("2001:db8::1"), IPAddress.Parse("2001:db8::ff"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Hex(single), Is.EqualTo(Bytes("0001 0005 00000010 00000006 00000003 C0000207 C0000207")));
            Assert.That(Hex(range), Is.EqualTo(Bytes(
                "0001 0005 00000028 00000007 00000000 20010DB8000000000000000000000001 20010DB80000000000000000000000FF")));
        }
    }

    private static string Hex(IMessage message) => Convert.ToHexString(MessageCodec.Encode(message));

    private static string Bytes(string spaced) => spaced.Replace(" ", string.Empty, StringComparison.Ordinal);
}

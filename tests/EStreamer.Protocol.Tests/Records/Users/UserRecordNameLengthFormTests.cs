using EStreamer.Protocol.Negotiation;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Users;

namespace EStreamer.Protocol.Tests.Records.Users;

/// <summary>
/// Record 98 in the guide's form (FireSIGHT eStreamer Integration Guide, table 4-14; the legacy Perl SDK's
/// template): user ID, protocol, name length, name, with no block header. Flag-only sessions get it.
/// Vectors written by hand from that table.
/// </summary>
public sealed class UserRecordNameLengthFormTests
{
    private const string Vector = """
        00000101                          # 0 user ID
        000002C6                          # 4 protocol 710
        00000005                          # 8 name length
        616C696365                        # 12 user name "alice"
        """;

    private static readonly UserRecord Sample = new() { UserId = 0x101, Protocol = 710, UserName = "alice", BlockType = UserRecord.NameLengthForm };

    [Test]
    public void Encoder_writes_the_golden_bytes()
    {
        var bytes = RecordCodec.WriteBody(Sample);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Hex.Parse(Vector))));
            Assert.That(bytes, Has.Length.EqualTo(17));
        }
    }

    [Test]
    public void Decoder_reads_the_golden_bytes_back()
    {
        Assert.That(RecordCodec.ReadBody(RecordType.User, Hex.Parse(Vector)), Is.EqualTo(Sample));
    }

    [Test]
    public void Empty_name_is_twelve_bytes_and_reads_back()
    {
        var empty = new UserRecord { UserId = 7, Protocol = 1, BlockType = UserRecord.NameLengthForm };
        var bytes = RecordCodec.WriteBody(empty);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Hex.Parse("00000007 00000001 00000000"))));
            Assert.That(RecordCodec.ReadBody(RecordType.User, bytes), Is.EqualTo(empty));
        }
    }

    [Test]
    public void Name_length_that_disagrees_with_the_body_is_a_protocol_error()
    {
        // Length 9 promises more than the 5 bytes that follow.
        var bytes = Hex.Parse("00000101 000002C6 00000009 616C696365");
        Assert.That(() => RecordCodec.ReadBody(RecordType.User, bytes), Throws.TypeOf<EStreamer.Protocol.Framing.ProtocolException>());
    }

    [Test]
    public void Flag_only_request_gets_the_name_length_form()
    {
        var negotiation = StreamNegotiation.Negotiate(
            RequestedVersions.FromFlags(EStreamer.Protocol.Messages.RequestFlags.MetadataV4), ClientProfile.Auto, sentStreamingRequest: false, _ => true);
        var shaped = (UserRecord)negotiation.Shape(Sample with { BlockType = UserRecord.Block57 });
        using (Assert.EnterMultipleScope())
        {
            Assert.That(negotiation.Profile, Is.EqualTo(ClientProfile.FlagOnly));
            Assert.That(shaped.BlockType, Is.EqualTo(UserRecord.NameLengthForm));
            Assert.That(Hex.Format(RecordCodec.WriteBody(shaped)), Is.EqualTo(Hex.Format(Hex.Parse(Vector))));
        }
    }

    [Test]
    public void Pinned_eNcore_profile_keeps_its_form_in_a_flag_only_session()
    {
        var negotiation = StreamNegotiation.Negotiate(
            RequestedVersions.FromFlags(EStreamer.Protocol.Messages.RequestFlags.MetadataV4), ClientProfile.Encore52, sentStreamingRequest: false, _ => true);
        Assert.That(((UserRecord)negotiation.Shape(Sample)).BlockType, Is.EqualTo(UserRecord.Block57));
    }
}

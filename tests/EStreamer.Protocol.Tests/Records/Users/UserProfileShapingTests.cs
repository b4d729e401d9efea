using EStreamer.Protocol.Negotiation;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Users;

namespace EStreamer.Protocol.Tests.Records.Users;

/// <summary>
/// The client profiles of reference 5.6.9 pick the user layouts through <see cref="StreamNegotiation.Shape"/>;
/// every block it picks must be one the user records can write and read back.
/// </summary>
public sealed class UserProfileShapingTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        yield return Case(ClientProfile.Encore38, RecordType.UserDropped, UserActivityRecord.Block120);
        yield return Case(ClientProfile.Encore38, RecordType.UserRemoved, UserActivityRecord.Block167);
        yield return Case(ClientProfile.Encore38, RecordType.NewUserIdentity, UserActivityRecord.Block167);
        yield return Case(ClientProfile.Encore38, RecordType.User, UserRecord.NoBlockHeader);
        yield return Case(ClientProfile.Encore52, RecordType.UserDropped, UserActivityRecord.Block158);
        yield return Case(ClientProfile.Encore52, RecordType.UserRemoved, UserActivityRecord.Block158);
        yield return Case(ClientProfile.Encore52, RecordType.NewUserIdentity, UserActivityRecord.Block158);
        yield return Case(ClientProfile.Encore52, RecordType.User, UserRecord.Block57);
    }

    [TestCaseSource(nameof(Cases))]
    public void Profile_block_is_written_and_read_back(ClientProfile profile, RecordType recordType, uint expectedBlock)
    {
        var negotiation = StreamNegotiation.Negotiate(new RequestedVersions(), profile, sentStreamingRequest: true, _ => true);
        IVersionedRecord record = recordType == RecordType.User
            ? new UserRecord { UserId = 0x101, Protocol = 710, UserName = "alice" }
            : new UserActivityRecord { RecordType = recordType, UserId = 0x101, UserName = "alice" };

        var shaped = (IVersionedRecord)negotiation.Shape(record);
        var decoded = RecordCodec.ReadBody(recordType, RecordCodec.WriteBody(shaped));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(shaped.BlockType, Is.EqualTo(expectedBlock));
            Assert.That(decoded, Is.EqualTo(shaped));
        }
    }

    private static TestCaseData Case(ClientProfile profile, RecordType recordType, uint block) =>
        new TestCaseData(profile, recordType, block).SetName($"{profile} sends record {(uint)recordType} with block {block}");
}

using System.Net;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Correlation;
using EStreamer.Protocol.Records.Discovery;
using EStreamer.Protocol.Records.Intrusion;
using EStreamer.Protocol.Records.Users;

namespace EStreamer.Protocol.Negotiation;

/// <summary>
/// Rewrites stored records (always the newest form) into the legacy layouts of <see cref="LegacyForm"/>, so
/// that one event journal serves flag-only clients too. A stored record type a legacy version did not have
/// (VPN logins, record types without a codec) is not expressed and not streamed. Nor are the declared
/// discovery records (host, server, client application, user input ...): their blocks are the 5.x ones
/// (103, 122, 130, 134, 139 ...), which flag-only clients do not know (the Perl SDK's block table ends at
/// 96 and stops on block 139), and no public layout of them exists for discovery versions 1–5.
/// </summary>
internal static class LegacyForms
{
    private static readonly HashSet<RecordType> DiscoveryTypes =
    [
        .. HostNoticeRecord.RecordTypes,
        .. HostValueRecord.RecordTypes,
        .. MacAddressRecord.RecordTypes,
        RecordType.HostIpAddressChanged,
    ];

    private static readonly HashSet<RecordType> UserTypes =
    [
        RecordType.UserDropped,
        RecordType.UserRemoved,
        RecordType.NewUserIdentity,
        RecordType.UserLogin,
    ];

    /// <summary>Whether a stored record type has a form in the legacy layout.</summary>
    public static bool Expresses(LegacyForm form, RecordType storedType) => form switch
    {
        LegacyForm.None => true,
        LegacyForm.IntrusionVlanRecords => storedType == RecordType.IntrusionEvent,
        LegacyForm.CorrelationPolicyEvents => storedType == RecordType.CorrelationEvent,
        LegacyForm.DiscoveryWithoutIPv6 => DiscoveryTypes.Contains(storedType),
        LegacyForm.UserActivityVersion1 => UserTypes.Contains(storedType),
        _ => false,
    };

    /// <summary>The record in the layout's legacy form; a record of a type the form does not know comes back unchanged.</summary>
    public static IRecord Convert(IRecord record, FamilyLayout layout) => (layout.Legacy, record) switch
    {
        (LegacyForm.IntrusionVlanRecords, IntrusionEventRecord intrusion) => LegacyIntrusionEventRecord.From(intrusion),
        (LegacyForm.CorrelationPolicyEvents, CorrelationEventRecord correlation) =>
            LegacyCorrelationEventRecord.From(correlation, layout.BlockTypes.Values.Single()),
        (LegacyForm.DiscoveryWithoutIPv6, HostNoticeRecord notice) => notice with { Header = notice.Header.WithoutIPv6Slot() },
        (LegacyForm.DiscoveryWithoutIPv6, HostValueRecord value) => value with { Header = value.Header.WithoutIPv6Slot() },
        (LegacyForm.DiscoveryWithoutIPv6, MacAddressRecord mac) => mac with { Header = mac.Header.WithoutIPv6Slot() },
        (LegacyForm.DiscoveryWithoutIPv6, HostIpChangedRecord changed) => changed with { Header = changed.Header.WithoutIPv6Slot() },
        (LegacyForm.UserActivityVersion1, UserActivityRecord user) when layout.BlockTypes.TryGetValue(user.RecordType, out var block) =>
            UserVersion1(user, block),
        _ => record,
    };

    // Only the fields of blocks 73 and 75, so that the record sent equals what a client reads back.
    private static UserActivityRecord UserVersion1(UserActivityRecord user, uint block)
    {
        var common = new UserActivityRecord
        {
            RecordType = user.RecordType,
            BlockType = block,
            Header = user.Header.WithoutIPv6Slot(),
            UserId = user.UserId,
            UserName = user.UserName,
            Protocol = user.Protocol,
            Email = user.Email,
        };

        return block == UserActivityRecord.Block73
            ? common with { LoginTimestamp = user.LoginTimestamp, LegacyIPv4 = LoginIPv4(user, common.Header) }
            : common with { FirstName = user.FirstName, LastName = user.LastName, Department = user.Department, Phone = user.Phone };
    }

    // Block 73 has only the 4-byte address: the stored IPv4 field, else an IPv4 address in the IPv6
    // field, else the host of the event header, where the user logged in.
    private static IPAddress LoginIPv4(UserActivityRecord user, DiscoveryHeader legacyHeader) =>
        !user.LegacyIPv4.Equals(IPAddress.Any) ? user.LegacyIPv4
        : user.IPv6Address.IsIPv4MappedToIPv6 ? user.IPv6Address.MapToIPv4()
        : legacyHeader.LegacyIPv4;
}

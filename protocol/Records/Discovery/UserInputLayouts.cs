using EStreamer.Protocol.Records.Layouts;
using static EStreamer.Protocol.Records.Layouts.LayoutField;

namespace EStreamer.Protocol.Records.Discovery;

/// <summary>
/// User-input events (discovery event type 1002), records 74–89: the discovery header, then one
/// <see cref="UserInputBlocks"/> block (reference 10.1). Record 106, which eNcore lists beside them, is
/// metadata (<see cref="Metadata.MetadataLayouts"/>).
/// </summary>
public static class UserInputLayouts
{
    private const string Source = "guide 5.3/FireSIGHT user input blocks; field order per eNcore definitions";

    public static readonly RecordLayout UserSetOs = Event(RecordType.UserSetOs, "user set OS", "user-product", UserInputBlocks.UserProduct);

    public static readonly RecordLayout UserSetServer = Event(RecordType.UserSetServer, "user set server", "user-product", UserInputBlocks.UserProduct);

    public static readonly RecordLayout UserDeleteProtocol = Event(RecordType.UserDeleteProtocol, "user delete protocol", "user-protocol-list", UserInputBlocks.UserProtocolList);

    public static readonly RecordLayout UserDeleteClientApplication = Event(
        RecordType.UserDeleteClientApplication, "user delete client application", "user-client-application-list", UserInputBlocks.UserClientApplicationList);

    public static readonly RecordLayout UserDeleteAddress = Event(RecordType.UserDeleteAddress, "user delete address", "user-hosts", UserInputBlocks.UserHosts);

    public static readonly RecordLayout UserDeleteServer = Event(RecordType.UserDeleteServer, "user delete server", "user-server-list", UserInputBlocks.UserServerList);

    public static readonly RecordLayout UserSetValidVulnerabilities = Event(
        RecordType.UserSetValidVulnerabilities, "user set valid vulnerabilities", "user-vulnerability-change", UserInputBlocks.UserVulnerabilityChange);

    public static readonly RecordLayout UserSetInvalidVulnerabilities = Event(
        RecordType.UserSetInvalidVulnerabilities, "user set invalid vulnerabilities", "user-vulnerability-change", UserInputBlocks.UserVulnerabilityChange);

    public static readonly RecordLayout UserSetCriticality = Event(RecordType.UserSetCriticality, "user set host criticality", "user-criticality", UserInputBlocks.UserCriticality);

    public static readonly RecordLayout UserSetAttributeValue = Event(
        RecordType.UserSetAttributeValue, "user set attribute value", "user-attribute-value", UserInputBlocks.UserAttributeValue);

    public static readonly RecordLayout UserDeleteAttributeValue = Event(
        RecordType.UserDeleteAttributeValue, "user delete attribute value", "user-attribute-value", UserInputBlocks.UserAttributeValue);

    public static readonly RecordLayout UserAddHost = Event(RecordType.UserAddHost, "user add host", "user-hosts", UserInputBlocks.UserHosts);

    public static readonly RecordLayout UserAddServer = Event(RecordType.UserAddServer, "user add server", "user-product", UserInputBlocks.UserProduct);

    public static readonly RecordLayout UserAddClientApplication = Event(
        RecordType.UserAddClientApplication, "user add client application", "user-client-application-list", UserInputBlocks.UserClientApplicationList);

    public static readonly RecordLayout UserAddProtocol = Event(RecordType.UserAddProtocol, "user add protocol", "user-protocol-list", UserInputBlocks.UserProtocolList);

    public static readonly RecordLayout UserAddScanResult = Event(RecordType.UserAddScanResult, "user add scan result", "scan-result", UserInputBlocks.ScanResult);

    public static IReadOnlyList<RecordLayout> All { get; } =
    [
        UserSetOs, UserSetServer, UserDeleteProtocol, UserDeleteClientApplication, UserDeleteAddress, UserDeleteServer,
        UserSetValidVulnerabilities, UserSetInvalidVulnerabilities, UserSetCriticality, UserSetAttributeValue,
        UserDeleteAttributeValue, UserAddHost, UserAddServer, UserAddClientApplication, UserAddProtocol, UserAddScanResult,
    ];

    private static RecordLayout Event(RecordType recordType, string name, string blockField, BlockLayout block) =>
        new(recordType, name, [Header, Nested(blockField, block)], Source);
}

using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Discovery;
using EStreamer.Protocol.Records.Users;
using EStreamer.Scenarios.Model;

namespace EStreamer.Scenarios.Generators;

/// <summary>User logins (record 95, block 167) of the scenario's users on inside hosts.</summary>
internal sealed class UserLoginGenerator
{
    /// <summary>Discovery subtype of a user login (reference 9.7: 1004/2).</summary>
    private const uint LoginSubtype = 2;

    private static readonly string[] Reporters = ["ISE", "AD Agent", "Passive Identity Agent", "Captive Portal"];

    private readonly GeneratorContext _context;
    private readonly Draws _random;

    public UserLoginGenerator(GeneratorContext context, int seed)
    {
        _context = context;
        _random = new Draws(seed);
    }

    public IReadOnlyList<GeneratedRecord> Generate(GenerationRequest request)
    {
        var draft = NewDraft(_random);
        var given = request.Given;
        var device = given.DeviceId ?? draft.Header.DeviceId;
        var hostIp = given.HostIp ?? draft.Header.HostIp;
        var user = given.User;
        var type = given.RecordType ?? RecordType.UserLogin;
        var (eventType, subtype) = DiscoveryEventSubtypes.For(type);
        var record = draft with
        {
            RecordType = type,
            Header = draft.Header with
            {
                EventType = eventType,
                EventSubtype = subtype,
                DeviceId = device,
                EventSecond = request.Stamp.Second,
                EventMicrosecond = request.Stamp.Microsecond,
                HostIp = hostIp,
                MacAddress = _context.MacOf(hostIp),
            },
            LoginTimestamp = request.Stamp.Second,
            IPv6Address = hostIp,
            LegacyIPv4 = NetworkFacts.IPv4Of(hostIp),
            UserId = user?.Id ?? draft.UserId,
            UserName = user?.Name ?? draft.UserName,
            Domain = user?.Domain ?? draft.Domain,
            Protocol = user?.Protocol ?? draft.Protocol,
            Email = user?.Email ?? draft.Email,
        };

        var metadata = _context.Metadata()
            .Add(_context.World.Device(device))
            .Add(record.UserId == 0 ? null : _context.World.User(record.UserId))
            .ToList();
        return [new GeneratedRecord(record, metadata)];
    }

    private UserActivityRecord NewDraft(Draws d)
    {
        var host = d.Pick(_context.Hosts.Hosts);
        var users = _context.Users;
        // Without scenario users there is no user record to name: the login is of user ID 0 with no name.
        var user = users.Length > 0 ? d.Pick(users) : new UserDefinition(0, string.Empty, string.Empty, string.Empty, 710);
        return new UserActivityRecord
        {
            RecordType = RecordType.UserLogin,
            Header = new DiscoveryHeader
            {
                DeviceId = d.Pick(_context.DeviceIds),
                MacAddress = host.Mac,
                EventType = DiscoveryEventType.UserActivity,
                EventSubtype = LoginSubtype,
                HostIp = host.Address,
            },
            UserId = user.Id,
            UserName = user.Name,
            Domain = user.Domain,
            Protocol = user.Protocol,
            Email = user.Email,
            IPv6Address = host.Address,
            LoginType = (byte)d.Int(0, 2),
            AuthenticationType = (byte)d.Int(0, 2),
            ReportedBy = d.Pick(Reporters),
            Description = string.Empty,
        };
    }
}

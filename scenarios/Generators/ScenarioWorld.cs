using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Intrusion;
using EStreamer.Protocol.Records.Metadata;
using EStreamer.Protocol.Records.Users;
using EStreamer.Scenarios.Loading;
using EStreamer.Scenarios.Model;

namespace EStreamer.Scenarios.Generators;

/// <summary>
/// The metadata records of one scenario, built once and shared by every event that refers to them, so that
/// a server can tell "already sent in this session" by reference. Also the fixed parts of the simulated
/// network that the YAML does not describe: zones, interfaces, countries, the AMP cloud.
/// </summary>
internal sealed class ScenarioWorld
{
    public static readonly Guid InsideZone = StableUuid.For("zone", "inside");
    public static readonly Guid OutsideZone = StableUuid.For("zone", "outside");
    public static readonly Guid InsideInterface = StableUuid.For("interface", "inside");
    public static readonly Guid OutsideInterface = StableUuid.For("interface", "outside");
    public static readonly Guid Cloud = StableUuid.For("cloud", "amp-us");

    private readonly Dictionary<uint, IRecord> _devices;
    private readonly Dictionary<RuleDefinition, RuleMessageRecord> _rules;
    private readonly Dictionary<uint, IRecord> _classifications;
    private readonly Dictionary<uint, IRecord> _priorities;
    private readonly Dictionary<string, IRecord> _intrusionPolicies;
    private readonly Dictionary<(string Key, uint Device), IRecord> _accessPolicies;
    private readonly Dictionary<uint, IRecord> _accessRules;
    private readonly Dictionary<uint, IRecord> _users;
    private readonly Dictionary<uint, IRecord> _extraDataTypes;
    private readonly Dictionary<ushort, IRecord> _countries;

    public ScenarioWorld(ScenarioMetadata metadata)
    {
        Metadata = metadata;
        _devices = metadata.Devices.ToDictionary(d => d.Id, d => (IRecord)new IdNameRecord(RecordType.ManagedDevice, d.Id, d.Name));
        _rules = metadata.Rules.ToDictionary(
            r => r,
            r => new RuleMessageRecord(r.GeneratorId, r.RuleId, 0, r.RenderedSid, r.Uuid, r.RevisionUuid, r.Message));
        _classifications = metadata.Classifications.ToDictionary(
            c => c.Id,
            c => (IRecord)new ClassificationRecord(c.Id, c.Name, c.Description, c.Uuid, c.RevisionUuid));
        _priorities = metadata.Priorities.ToDictionary(p => p.Id, p => (IRecord)new PriorityRecord(p.Id, p.Name));
        _intrusionPolicies = metadata.IntrusionPolicies.ToDictionary(
            p => p.Key,
            p => (IRecord)new UuidNameRecord(RecordType.IntrusionPolicyName, p.Uuid, p.Name));
        _accessPolicies = [];
        _accessRules = [];
        foreach (var policy in metadata.AccessPolicies)
        {
            foreach (var device in policy.Devices)
            {
                _accessPolicies[(policy.Key, device)] = new PolicyRecord
                {
                    RecordType = RecordType.AccessControlPolicy,
                    PolicyUuid = policy.Uuid,
                    SensorId = device,
                    Name = policy.Name,
                };
            }

            foreach (var rule in policy.Rules)
            {
                // Events carry the policy UUID where the revision goes; one revision per policy keeps the join simple.
                _accessRules.TryAdd(rule.Id, new AccessControlRuleRecord { PolicyRevisionUuid = policy.Uuid, RuleId = rule.Id, Name = rule.Name });
            }
        }

        _users = metadata.Users.ToDictionary(u => u.Id, u => (IRecord)new UserRecord { UserId = u.Id, Protocol = u.Protocol, UserName = u.Name });
        _extraDataTypes = Names.ExtraDataTypes.Values.ToDictionary(
            t => t.Id,
            t => (IRecord)new ExtraDataTypeRecord { ExtraDataType = t.Id, Name = t.Name, Encoding = t.Encoding });
        _countries = Countries.ToDictionary(c => c.Code, c => (IRecord)new GeolocationRecord { CountryCode = c.Code, Name = c.Name });

        Zones =
        [
            new UuidNameRecord(RecordType.SecurityZoneName, InsideZone, "inside"),
            new UuidNameRecord(RecordType.SecurityZoneName, OutsideZone, "outside"),
        ];
        Interfaces =
        [
            new UuidNameRecord(RecordType.InterfaceName, InsideInterface, "GigabitEthernet0/1"),
            new UuidNameRecord(RecordType.InterfaceName, OutsideInterface, "GigabitEthernet0/0"),
        ];
        CloudName = new UuidNameRecord(RecordType.CloudName, Cloud, "AMP Cloud (US)");
        AllRecords = BuildAll();
    }

    /// <summary>ISO 3166 numeric codes, as the country fields of events carry them.</summary>
    public static IReadOnlyList<(ushort Code, string Name)> Countries { get; } =
    [
        (840, "United States"),
        (276, "Germany"),
        (250, "France"),
        (392, "Japan"),
        (76, "Brazil"),
        (356, "India"),
        (826, "United Kingdom"),
        (528, "Netherlands"),
    ];

    public ScenarioMetadata Metadata { get; }

    public IReadOnlyList<IRecord> Zones { get; }

    public IReadOnlyList<IRecord> Interfaces { get; }

    public IRecord CloudName { get; }

    /// <summary>Every metadata record, in a stable order: what a server sends when a client asks for all metadata.</summary>
    public IReadOnlyList<IRecord> AllRecords { get; }

    public IRecord Device(uint id) => _devices[id];

    public RuleMessageRecord Rule(RuleDefinition rule) => _rules[rule];

    public IRecord? Classification(uint id) => _classifications.GetValueOrDefault(id);

    public IRecord? Priority(uint id) => _priorities.GetValueOrDefault(id);

    public IRecord IntrusionPolicy(PolicyDefinition policy) => _intrusionPolicies[policy.Key];

    public IRecord? AccessPolicy(PolicyDefinition policy, uint device) => _accessPolicies.GetValueOrDefault((policy.Key, device));

    public IRecord? AccessRule(uint id) => _accessRules.GetValueOrDefault(id);

    public IRecord User(uint id) => _users[id];

    public IRecord ExtraDataType(uint type) => _extraDataTypes[type];

    public IRecord? Country(ushort code) => _countries.GetValueOrDefault(code);

    private List<IRecord> BuildAll()
    {
        var all = new List<IRecord>();
        all.AddRange(_devices.OrderBy(p => p.Key).Select(p => p.Value));
        all.AddRange(_priorities.OrderBy(p => p.Key).Select(p => p.Value));
        all.AddRange(_classifications.OrderBy(p => p.Key).Select(p => p.Value));
        all.AddRange(Metadata.Rules.Select(r => (IRecord)_rules[r]));
        all.AddRange(Metadata.IntrusionPolicies.Select(p => _intrusionPolicies[p.Key]));
        foreach (var policy in Metadata.AccessPolicies)
        {
            all.AddRange(policy.Devices.Select(d => _accessPolicies[(policy.Key, d)]));
        }

        all.AddRange(_accessRules.OrderBy(p => p.Key).Select(p => p.Value));
        all.AddRange(Zones);
        all.AddRange(Interfaces);
        all.AddRange(_countries.OrderBy(p => p.Key).Select(p => p.Value));
        all.Add(CloudName);
        all.AddRange(_extraDataTypes.OrderBy(p => p.Key).Select(p => p.Value));
        all.AddRange(_users.OrderBy(p => p.Key).Select(p => p.Value));
        return all;
    }
}

using System.Net;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Intrusion;
using EStreamer.Scenarios.Model;

namespace EStreamer.Scenarios.Generators;

/// <summary>
/// What the generators of one source (the timeline, or one traffic block) share within a plan enumeration:
/// the scenario's metadata records, the host pool, the event ID allocator, the traffic block's companion
/// options (packets, extra data, impact alerts), the last intrusion event (which generated impact alerts and correlation events refer to),
/// and the metadata lists its events hold, each distinct list once.
/// </summary>
internal sealed class GeneratorContext
{
    /// <summary>Bogus's "now" for anything date-based (host names, vocabulary): fixed, so no generated value depends on the clock.</summary>
    public static readonly DateTime DateReference = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly Dictionary<IPAddress, byte[]> _moved = [];
    private readonly HashSet<IReadOnlyList<IRecord>> _metadataLists = new(MetadataList.SameRecords);
    private readonly Dictionary<uint, IReadOnlyList<IRecord>> _deviceLists = [];

    public GeneratorContext(ScenarioWorld world, HostPool hosts, Vocabulary words, EventIdAllocator ids, bool packets, bool extraData, bool impactAlerts)
    {
        World = world;
        Hosts = hosts;
        Words = words;
        Ids = ids;
        Packets = packets;
        ExtraData = extraData;
        ImpactAlerts = impactAlerts;
        DeviceIds = world.Metadata.Devices.Select(d => d.Id).ToArray();
        Users = world.Metadata.Users.ToArray();
    }

    public ScenarioWorld World { get; }

    public HostPool Hosts { get; }

    public Vocabulary Words { get; }

    public EventIdAllocator Ids { get; }

    public bool Packets { get; }

    public bool ExtraData { get; }

    /// <summary>Each generated intrusion event is followed by the impact alert (record 9) about it, as a sensor that flags impact sends.</summary>
    public bool ImpactAlerts { get; }

    public uint[] DeviceIds { get; }

    /// <summary>The scenario's users as an array, to pick from without a copy per event.</summary>
    public UserDefinition[] Users { get; }

    public IntrusionEventRecord? LastIntrusion { get; set; }

    /// <summary>
    /// The primary MAC of the host at <paramref name="address"/>, the same in every record: a host that moved
    /// (record 29) keeps its MAC at the new address, a pool host has its own, any other address a derived one.
    /// </summary>
    public byte[] MacOf(IPAddress address)
    {
        var plain = NetworkFacts.Plain(address);
        return _moved.GetValueOrDefault(plain) ?? Hosts.Find(plain)?.Mac ?? NetworkFacts.DerivedMac(plain, "mac");
    }

    /// <summary>The second MAC a host shows (record 28): one per host, derived from its primary MAC.</summary>
    public byte[] AdditionalMacOf(IPAddress address) =>
        NetworkFacts.DerivedMac(new IPAddress(MacOf(address).AsSpan(2)), "additional-mac");

    /// <summary>Records that the host at <paramref name="from"/> now has the address <paramref name="to"/> (record 29).</summary>
    public void Moved(IPAddress from, IPAddress to) => _moved[NetworkFacts.Plain(to)] = MacOf(from);

    /// <summary>
    /// The one held list with the records of <paramref name="metadata"/>: a million events refer to a few hundred
    /// distinct lists, so each is kept once rather than once per event.
    /// </summary>
    public IReadOnlyList<IRecord> Shared(MetadataList metadata)
    {
        if (_metadataLists.TryGetValue(metadata.Records, out var shared))
        {
            return shared;
        }

        var list = metadata.Records.ToArray();
        _metadataLists.Add(list);
        return list;
    }

    /// <summary>The metadata list of a record that refers to its device alone.</summary>
    public IReadOnlyList<IRecord> DeviceOnly(uint device)
    {
        if (!_deviceLists.TryGetValue(device, out var list))
        {
            list = [World.Device(device)];
            _deviceLists[device] = list;
        }

        return list;
    }

    public PolicyDefinition? AccessPolicyFor(uint device) =>
        World.Metadata.AccessPolicies.FirstOrDefault(p => p.Devices.Contains(device));
}

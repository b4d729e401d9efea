using EStreamer.Protocol.Records.Intrusion;
using EStreamer.Scenarios.Model;

namespace EStreamer.Scenarios.Generators;

/// <summary>
/// What the generators of one source (the timeline, or one traffic block) share within a plan enumeration:
/// the scenario's metadata records, the host pool, the event ID allocator, the traffic block's companion
/// options (packets, extra data, impact alerts), and the last intrusion event (which generated impact alerts and correlation events refer to).
/// </summary>
internal sealed class GeneratorContext
{
    /// <summary>Bogus's "now" for anything date-based: fixed, so no generated value depends on the clock.</summary>
    public static readonly DateTime DateReference = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public GeneratorContext(ScenarioWorld world, HostPool hosts, EventIdAllocator ids, bool packets, bool extraData, bool impactAlerts)
    {
        World = world;
        Hosts = hosts;
        Ids = ids;
        Packets = packets;
        ExtraData = extraData;
        ImpactAlerts = impactAlerts;
        DeviceIds = world.Metadata.Devices.Select(d => d.Id).ToArray();
        Users = world.Metadata.Users.ToArray();
    }

    public ScenarioWorld World { get; }

    public HostPool Hosts { get; }

    public EventIdAllocator Ids { get; }

    public bool Packets { get; }

    public bool ExtraData { get; }

    /// <summary>Each generated intrusion event is followed by the impact alert (record 9) about it, as a sensor that flags impact sends.</summary>
    public bool ImpactAlerts { get; }

    public uint[] DeviceIds { get; }

    /// <summary>The scenario's users as an array, for Bogus's PickRandom without a copy per event.</summary>
    public UserDefinition[] Users { get; }

    public IntrusionEventRecord? LastIntrusion { get; set; }

    public PolicyDefinition? AccessPolicyFor(uint device) =>
        World.Metadata.AccessPolicies.FirstOrDefault(p => p.Devices.Contains(device));
}

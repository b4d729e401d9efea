using System.Net;
using EStreamer.Emulator.Events;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Connection;
using EStreamer.Protocol.Records.Discovery;
using EStreamer.Protocol.Records.Users;
using EStreamer.Scenarios;
using EStreamer.Scenarios.Loading;
using EStreamer.Scenarios.Model;

namespace EStreamer.Emulator.Scenarios;

/// <summary>Hosts a scenario talks about, so host data requests can be answered: the plan's host pool, and discovery headers.</summary>
internal static class ScenarioHosts
{
    /// <summary>The inside hosts of a plan, named, last seen at the plan's start.</summary>
    public static IEnumerable<HostProfile> From(ScenarioPlan plan)
    {
        var seen = (uint)Math.Clamp(plan.Start.ToUnixTimeSeconds(), 0, uint.MaxValue);
        return plan.Hosts.Select(h => new HostProfile(h.Address, h.MacAddress.AsSpan().ToArray(), 0, seen, h.Name));
    }

    /// <summary>The discovery header of a record that describes a host, or null.</summary>
    public static DiscoveryHeader? HeaderOf(IRecord record)
    {
        var header = record switch
        {
            HostValueRecord value => value.Header,
            HostNoticeRecord notice => notice.Header,
            MacAddressRecord mac => mac.Header,
            HostIpChangedRecord changed => changed.Header,
            ConnectionStatisticsRecord connection => connection.Header,
            UserActivityRecord user => user.Header,
            _ => null,
        };
        return header is null || header.HostIp.Equals(IPAddress.IPv6Any) ? null : header;
    }

    /// <summary>The host a record's discovery header (<see cref="HeaderOf"/>) describes, keeping the name the plan gave it.</summary>
    public static HostProfile From(IRecord record, DiscoveryHeader header, IReadOnlyDictionary<IPAddress, string> names)
    {
        var hops = record is HostValueRecord { RecordType: RecordType.HopsChange } hopsRecord ? (byte)hopsRecord.Value : (byte)0;
        return new HostProfile(header.HostIp, header.MacAddress.AsSpan().ToArray(), hops, header.EventSecond, names.GetValueOrDefault(header.HostIp, string.Empty));
    }
}

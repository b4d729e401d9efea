using EStreamer.Emulator.Events;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Connection;
using EStreamer.Protocol.Records.Discovery;
using EStreamer.Protocol.Records.Users;

namespace EStreamer.Emulator.Scenarios;

/// <summary>Hosts a scenario talks about, taken from discovery headers, so host data requests can be answered.</summary>
internal static class ScenarioHosts
{
    public static IEnumerable<HostProfile> From(IRecord record)
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
        if (header is null || header.HostIp.Equals(System.Net.IPAddress.IPv6Any))
        {
            yield break;
        }

        var hops = record is HostValueRecord { RecordType: RecordType.HopsChange } hopsRecord ? (byte)hopsRecord.Value : (byte)0;
        yield return new HostProfile(header.HostIp, header.MacAddress.AsSpan().ToArray(), hops, header.EventSecond, string.Empty);
    }
}

using System.Net;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Discovery;

namespace EStreamer.Emulator.Tests.Support;

/// <summary>Small records that tests append to a journal directly.</summary>
public static class TestRecords
{
    /// <summary>A hops change about 10.0.0.10 at <paramref name="second"/>; hops is one byte on the wire.</summary>
    public static HostValueRecord HopsChange(uint second, uint hops) =>
        new(RecordType.HopsChange, new DiscoveryHeader { DeviceId = 1, EventSecond = second, EventType = DiscoveryEventType.ChangeEvent, EventSubtype = 5, HostIp = IPAddress.Parse("10.0.0.10") }, hops);
}

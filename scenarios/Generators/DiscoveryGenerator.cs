using System.Net;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Discovery;
using EStreamer.Scenarios.Model;

namespace EStreamer.Scenarios.Generators;

/// <summary>
/// Simple discovery events (reference 11.15) about hosts of the pool, with the event type and subtype the
/// reference pairs with each record type (reference 9.7).
/// </summary>
internal sealed class DiscoveryGenerator
{
    private static readonly IReadOnlyDictionary<DiscoveryKind, (RecordType Type, uint EventType, uint Subtype)> Layouts =
        new Dictionary<DiscoveryKind, (RecordType, uint, uint)>
        {
            [DiscoveryKind.NewNetworkProtocol] = (RecordType.NewNetworkProtocol, DiscoveryEventType.NewEvent, 3),
            [DiscoveryKind.NewTransportProtocol] = (RecordType.NewTransportProtocol, DiscoveryEventType.NewEvent, 4),
            [DiscoveryKind.IpChanged] = (RecordType.HostIpAddressChanged, DiscoveryEventType.ChangeEvent, 1),
            [DiscoveryKind.IpReused] = (RecordType.HostIpAddressReused, DiscoveryEventType.ChangeEvent, 3),
            [DiscoveryKind.HopsChange] = (RecordType.HopsChange, DiscoveryEventType.ChangeEvent, 5),
            [DiscoveryKind.HostTimeout] = (RecordType.HostTimeout, DiscoveryEventType.ChangeEvent, 7),
            [DiscoveryKind.TcpPortClosed] = (RecordType.TcpPortClosed, DiscoveryEventType.ChangeEvent, 8),
            [DiscoveryKind.UdpPortClosed] = (RecordType.UdpPortClosed, DiscoveryEventType.ChangeEvent, 9),
            [DiscoveryKind.TcpPortTimeout] = (RecordType.TcpPortTimeout, DiscoveryEventType.ChangeEvent, 11),
            [DiscoveryKind.UdpPortTimeout] = (RecordType.UdpPortTimeout, DiscoveryEventType.ChangeEvent, 12),
            [DiscoveryKind.MacChange] = (RecordType.MacInformationChange, DiscoveryEventType.ChangeEvent, 13),
            [DiscoveryKind.AdditionalMac] = (RecordType.AdditionalMacDetected, DiscoveryEventType.ChangeEvent, 14),
            [DiscoveryKind.Router] = (RecordType.HostIdentifiedAsRouter, DiscoveryEventType.ChangeEvent, 16),
            [DiscoveryKind.HostDeleted] = (RecordType.HostDeletedLimitReached, DiscoveryEventType.ChangeEvent, 19),
            [DiscoveryKind.HostDropped] = (RecordType.HostDroppedLimitReached, DiscoveryEventType.ChangeEvent, 23),
        };

    // Weighted towards the changes a real network map reports most often.
    private static readonly DiscoveryKind[] GeneratedKinds =
    [
        DiscoveryKind.HopsChange, DiscoveryKind.HopsChange, DiscoveryKind.TcpPortClosed, DiscoveryKind.TcpPortTimeout,
        DiscoveryKind.UdpPortTimeout, DiscoveryKind.HostTimeout, DiscoveryKind.NewTransportProtocol, DiscoveryKind.NewNetworkProtocol,
        DiscoveryKind.IpChanged, DiscoveryKind.AdditionalMac, DiscoveryKind.MacChange, DiscoveryKind.Router,
    ];

    private readonly GeneratorContext _context;
    private readonly Draws _random;

    public DiscoveryGenerator(GeneratorContext context, int seed)
    {
        _context = context;
        _random = new Draws(seed);
    }

    /// <summary>The largest value a kind's field holds, or null when the kind carries no value.</summary>
    public static uint? MaxValue(DiscoveryKind kind)
    {
        var type = Layouts[kind].Type;
        if (!HostValueRecord.RecordTypes.Contains(type))
        {
            return null;
        }

        return HostValueRecord.ValueSize(type) switch
        {
            1 => byte.MaxValue,
            2 => ushort.MaxValue,
            _ => uint.MaxValue,
        };
    }

    public IReadOnlyList<GeneratedRecord> Generate(GenerationRequest request)
    {
        var draft = NewDraft(_random);
        var given = request.Given;
        var kind = given.DiscoveryKind ?? draft.Kind;
        var layout = Layouts[kind];
        var device = given.DeviceId ?? draft.DeviceId;
        var hostIp = given.HostIp ?? draft.Host.Address;
        var host = _context.Hosts.Find(hostIp);
        var header = new DiscoveryHeader
        {
            DeviceId = device,
            MacAddress = _context.MacOf(hostIp),
            EventSecond = request.Stamp.Second,
            EventMicrosecond = request.Stamp.Microsecond,
            EventType = layout.EventType,
            EventSubtype = layout.Subtype,
            HostIp = hostIp,
        };

        // A generated value that suits the drawn kind may not suit a kind the scenario picked; re-derive it.
        var value = given.Value ?? (given.DiscoveryKind is null ? draft.Value : Math.Min(draft.Value, MaxValue(kind) ?? 0));
        IRecord record = kind switch
        {
            DiscoveryKind.IpChanged => Moved(header, given.NewIp ?? (host is null ? draft.NewAddress : NewAddressOf(host))),

            // A MAC change reports the host's own (primary) MAC; an additional MAC is the host's second one.
            DiscoveryKind.MacChange => new MacAddressRecord(layout.Type, header, draft.Ttl, given.Mac ?? _context.MacOf(hostIp), 1, request.Stamp.Second),
            DiscoveryKind.AdditionalMac => new MacAddressRecord(layout.Type, header, draft.Ttl, given.Mac ?? _context.AdditionalMacOf(hostIp), 0, request.Stamp.Second),
            _ when MaxValue(kind) is not null => new HostValueRecord(layout.Type, header, value),
            _ => new HostNoticeRecord(layout.Type, header),
        };
        return [new GeneratedRecord(record, _context.DeviceOnly(device))];
    }

    // A pool host 10.b.c.d moves to 10.(b+4).c.d: out of the pool's 10.0-3 range, and one address per host.
    private static IPAddress NewAddressOf(Host host)
    {
        var bytes = host.Address.GetAddressBytes();
        bytes[1] += 4;
        return new IPAddress(bytes);
    }

    private HostIpChangedRecord Moved(DiscoveryHeader header, IPAddress newAddress)
    {
        _context.Moved(header.HostIp, newAddress);
        return new HostIpChangedRecord(header, newAddress);
    }

    private Draft NewDraft(Draws d)
    {
        var kind = d.Pick(GeneratedKinds);
        var host = d.Pick(_context.Hosts.Hosts);
        var value = kind switch
        {
            DiscoveryKind.HopsChange => (uint)d.Int(1, 12),
            DiscoveryKind.NewTransportProtocol => d.Pick<uint>([6, 17, 1, 47]),
            DiscoveryKind.NewNetworkProtocol => d.Pick<uint>([0x0800, 0x86DD, 0x0806]),
            DiscoveryKind.Router => (uint)d.Int(1, 2),
            _ => (uint)d.Pick(NetworkFacts.Services).Port,
        };
        return new Draft(kind, d.Pick(_context.DeviceIds), host, value, new IPAddress([10, 9, (byte)d.Int(0, 255), (byte)d.Int(1, 254)]), (byte)d.Int(1, 64));
    }

    private sealed record Draft(DiscoveryKind Kind, uint DeviceId, Host Host, uint Value, IPAddress NewAddress, byte Ttl);
}

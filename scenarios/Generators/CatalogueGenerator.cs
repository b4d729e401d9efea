using System.Net;
using System.Text;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Discovery;
using EStreamer.Protocol.Records.Layouts;
using EStreamer.Protocol.Records.Metadata;
using EStreamer.Scenarios.Model;

namespace EStreamer.Scenarios.Generators;

/// <summary>
/// Records of the catalogue (<see cref="CatalogueRecords"/>): every field a scenario leaves unset is filled
/// with a value that suits its name, and discovery headers describe a host of the pool with its one MAC.
/// Lists get one item, so every field of a layout carries data a client can show. With no type given, the
/// generator walks the catalogue in numeric order, one type per event.
/// </summary>
internal sealed class CatalogueGenerator
{
    private static readonly string[] Vendors = ["Microsoft", "Apple", "Canonical", "Cisco", "Red Hat", "Apache", "OpenBSD", "Google"];
    private static readonly string[] Products = ["Windows", "macOS", "Ubuntu Linux", "IOS XE", "Enterprise Linux", "httpd", "OpenSSH", "Chrome"];
    private static readonly byte[][] Banners = [.. new[] { "SSH-2.0-OpenSSH_9.6", "220 mail.example.com ESMTP Postfix", "HTTP/1.1 200 OK\r\nServer: nginx/1.24.0" }.Select(Encoding.UTF8.GetBytes)];

    // Boxed small integers, shared by every record that holds one (most generated numbers are below a thousand).
    private static readonly object[] SmallNumbers = [.. Enumerable.Range(0, 1024).Select(n => (object)(ulong)n)];

    private readonly GeneratorContext _context;
    private readonly Draws _random;
    private readonly Dictionary<(string Field, int Number), object> _uuids = [];
    private readonly Dictionary<(RecordType Type, string Name), Guid> _metadataUuids = [];
    private readonly Dictionary<RecordType, IRecord[]> _known = [];
    private readonly Dictionary<IReadOnlyList<LayoutField>, string[]> _names = new(ReferenceEqualityComparer.Instance);
    private int _next;

    private readonly IReadOnlyList<RecordType> _walk;

    public CatalogueGenerator(GeneratorContext context, int seed, IReadOnlySet<RecordType>? except = null)
    {
        _context = context;
        _walk = except is null ? CatalogueRecords.Types : CatalogueRecords.Types.Where(t => !except.Contains(t)).ToArray();
        _random = new Draws(seed);
    }

    public IReadOnlyList<GeneratedRecord> Generate(GenerationRequest request)
    {
        var given = request.Given;
        var type = given.RecordType ?? _walk[_next++ % _walk.Count];
        var values = given.RecordValues ?? new FieldValues();
        var device = given.DeviceId ?? _random.Pick(_context.DeviceIds);
        var host = (given.HostIp is { } ip ? _context.Hosts.Find(ip) : null) ?? _random.Pick(_context.Hosts.Hosts);
        var hostIp = given.HostIp ?? host.Address;

        IRecord record;
        if (RecordLayouts.TryGet(type, out var layout))
        {
            var filled = Fill(layout.Fields, values, host, request.Stamp);
            if (layout.HasDiscoveryHeader)
            {
                var (eventType, subtype) = DiscoveryEventSubtypes.For(type);
                filled.Set(LayoutField.Header.Name, new DiscoveryHeader
                {
                    DeviceId = device,
                    MacAddress = _context.MacOf(hostIp),
                    EventSecond = request.Stamp.Second,
                    EventMicrosecond = request.Stamp.Microsecond,
                    EventType = eventType,
                    EventSubtype = subtype,
                    HostIp = hostIp,
                });
            }

            record = new LayoutRecord(layout, filled);
            return [new GeneratedRecord(record, layout.HasDiscoveryHeader ? _context.DeviceOnly(device) : [])];
        }

        // Metadata the scenario's world already defines (device names, zones, policies ...) is sent as it is,
        // so a walk through the catalogue never renames a device its events refer to.
        var known = Known(type);
        if (values.Count == 0 && known.Length > 0)
        {
            return [new GeneratedRecord(_random.Pick(known), [])];
        }

        var name = values.TryGetValue("name", out var n) ? (string)n : MetadataName(type);
        var uuid = values.TryGetValue("uuid", out var u) ? (Guid)u : MetadataUuid(type, name);
        record = PolicyRecord.RecordTypes.Contains(type) ? new PolicyRecord { RecordType = type, PolicyUuid = uuid, SensorId = device, Name = name }
            : UuidNameRecord.RecordTypes.Contains(type) ? new UuidNameRecord(type, uuid, name)
            : new IdNameRecord(type, values.TryGetValue("id", out var id) ? (uint)(ulong)id : UnusedId(known), name);
        return [new GeneratedRecord(record, [])];
    }

    private FieldValues Fill(IReadOnlyList<LayoutField> fields, FieldValues given, Host host, EventStamp stamp)
    {
        var values = FieldValues.InOrder(NamesOf(fields));
        foreach (var field in fields)
        {
            if (!HoldsValue(field))
            {
                continue;
            }

            given.TryGetValue(field.Name, out var value);
            values.Set(field.Name, field.Kind switch
            {
                FieldKind.Block => Fill(field.Block!.Fields, value as FieldValues ?? new FieldValues(), host, stamp),
                FieldKind.List => FillList(field.Block!.Fields, value as IReadOnlyList<FieldValues>, host, stamp),
                _ => value ?? Draw(field, host, stamp),
            });
        }

        return values;
    }

    /// <summary>
    /// The names <see cref="Fill"/> sets, in its order, then the discovery header's when the block has one (set last,
    /// by <see cref="Generate"/>), one array per layout block: the records of a large history share it instead of
    /// holding a copy each, and no record copies it (a name set out of the array's order makes the values copy it).
    /// </summary>
    private string[] NamesOf(IReadOnlyList<LayoutField> fields)
    {
        if (!_names.TryGetValue(fields, out var names))
        {
            names = [.. fields.Where(HoldsValue).Select(f => f.Name), .. fields.Where(f => !HoldsValue(f)).Select(f => f.Name)];
            _names.Add(fields, names);
        }

        return names;
    }

    /// <summary>Whether <see cref="Fill"/> sets a value for the field: every field but the discovery header.</summary>
    private static bool HoldsValue(LayoutField field) => field.Kind != FieldKind.DiscoveryHeader;

    // A list's items, each filled; a list the scenario leaves out gets one item.
    private FieldValues[] FillList(IReadOnlyList<LayoutField> fields, IReadOnlyList<FieldValues>? given, Host host, EventStamp stamp)
    {
        if (given is null)
        {
            return [Fill(fields, new FieldValues(), host, stamp)];
        }

        var items = new FieldValues[given.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = Fill(fields, given[i], host, stamp);
        }

        return items;
    }

    // A value that suits the field's name: ports and protocols of real services, times of the event, the
    // host's own address and MAC, names of real vendors. Anything else gets a small number or a word.
    private object Draw(LayoutField field, Host host, EventStamp stamp)
    {
        var name = field.Name;
        var service = _random.Pick(NetworkFacts.Services);
        switch (field.Kind)
        {
            case FieldKind.IPv4 or FieldKind.IPv6:
                return name.Contains("responder", StringComparison.Ordinal) || name.Contains("finish", StringComparison.Ordinal)
                    ? _random.Pick(_context.Hosts.Hosts).Address
                    : host.Address;
            case FieldKind.Mac:
                return _context.MacOf(host.Address);
            case FieldKind.Uuid:
                return Uuid(name);
            case FieldKind.BlobBlock:
                return _random.Pick(Banners);
            case FieldKind.Bytes:
                return _random.Bytes(field.Size);
            case FieldKind.Text16 or FieldKind.Text32 or FieldKind.StringBlock:
                return Text(name, host);
        }

        ulong number = name switch
        {
            _ when name.Contains("port", StringComparison.Ordinal) => service.Port,
            _ when name.EndsWith("protocol", StringComparison.Ordinal) && field.Kind == FieldKind.UInt8 => service.Protocol,
            "protocol" or "transport-protocol" => service.Protocol,
            _ when name.Contains("second", StringComparison.Ordinal) || name.StartsWith("last-", StringComparison.Ordinal)
                || name.EndsWith("-time", StringComparison.Ordinal) || name.Contains("timestamp", StringComparison.Ordinal) => stamp.Second,
            _ when name.Contains("microsecond", StringComparison.Ordinal) => stamp.Microsecond,
            "hops" => (ulong)_random.Int(1, 12),
            "ttl" => 64,
            "confidence" => (ulong)_random.Int(50, 100),
            "vlan-id" => (ulong)_random.Int(2, 4094),
            "criticality" => (ulong)_random.Int(1, 4),
            "source-type" => (ulong)_random.Int(0, 3),
            "primary" => 1,
            "mobile" or "jailbroken" or "host-type" => 0,
            _ => (ulong)_random.Int(1, 999),
        };
        number = Math.Min(number, field.MaxValue);
        return number < (ulong)SmallNumbers.Length ? SmallNumbers[number] : number;
    }

    private string Text(string name, Host host) => name switch
    {
        _ when name.Contains("vendor", StringComparison.Ordinal) => _random.Pick(Vendors),
        _ when name.Contains("product", StringComparison.Ordinal) => _random.Pick(Products),
        _ when name.Contains("version", StringComparison.Ordinal) || name.Contains("revision", StringComparison.Ordinal) || name is "build" or "patch" =>
            _random.Pick(_context.Words.Versions),
        _ when name.Contains("netbios", StringComparison.Ordinal) || name == "value" => _context.SharedText(host.Name.Split('.')[0].ToUpperInvariant()),
        _ when name.Contains("description", StringComparison.Ordinal) => _random.Pick(_context.Words.Sentences),
        _ when name.Contains("cve", StringComparison.Ordinal) => $"CVE-{_random.Int(2015, 2025)}-{_random.Int(1000, 49999)}",
        _ => _random.Pick(_context.Words.Words),
    };

    // The metadata records of one type the world defines, looked up once per type.
    private IRecord[] Known(RecordType type)
    {
        if (!_known.TryGetValue(type, out var known))
        {
            known = _context.World.AllRecords.Where(r => r.RecordType == type).ToArray();
            _known[type] = known;
        }

        return known;
    }

    // A UUID of one of fifty per field name, each hashed (and boxed) once.
    private object Uuid(string field)
    {
        var key = (field, _random.Int(1, 50));
        if (!_uuids.TryGetValue(key, out var uuid))
        {
            uuid = StableUuid.For("catalogue", key.field, key.Item2);
            _uuids[key] = uuid;
        }

        return uuid;
    }

    // The UUID of a generated metadata record: stable for its type and name, hashed once per pair.
    private Guid MetadataUuid(RecordType type, string name)
    {
        if (!_metadataUuids.TryGetValue((type, name), out var uuid))
        {
            uuid = StableUuid.For("catalogue", (uint)type, name);
            _metadataUuids[(type, name)] = uuid;
        }

        return uuid;
    }

    // An ID the world does not already give a name of this type.
    private uint UnusedId(IRecord[] known)
    {
        var taken = known.OfType<IdNameRecord>().Select(r => r.Id).ToHashSet();
        uint id;
        do
        {
            id = (uint)_random.Int(1000, 9999);
        }
        while (taken.Contains(id));
        return id;
    }

    private string MetadataName(RecordType type) => $"{CatalogueRecords.NameOf(type)} {_random.Int(1, 99)}";
}

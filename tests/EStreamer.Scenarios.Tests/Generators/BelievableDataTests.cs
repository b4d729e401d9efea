using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Connection;
using EStreamer.Protocol.Records.Correlation;
using EStreamer.Protocol.Records.Discovery;
using EStreamer.Protocol.Records.Files;
using EStreamer.Protocol.Records.Intrusion;
using EStreamer.Protocol.Records.Metadata;
using EStreamer.Protocol.Records.Users;
using EStreamer.Scenarios.Tests.Support;

namespace EStreamer.Scenarios.Tests.Generators;

/// <summary>
/// Data a client can believe: what one record says about a host, an address, an impact or a user agrees with
/// what every other record of the stream says about it. Each rule runs over the built-in traffic, a generated
/// block of every family (with scripted IPv6 and UDP events), and every shipped scenario. Records go through
/// the protocol library's encoder and decoder first, so the checks read what a client reads; packet frames are
/// parsed here, header by header, without the generator's code.
/// </summary>
public sealed class BelievableDataTests
{
    private const int RecordsPerSource = 3000;

    // Every family with every companion, plus scripted events that leave addresses, ports and payloads to the generators.
    private const string EveryFamily = """
        name: every-family-believable
        seed: 4242
        timeline:
          - at: 1s
            intrusion: { source-ip: "2001:db8:1::5", destination-ip: "2001:db8:2::9", protocol: udp, source-port: 5353, destination-port: 53, packet: { text: "query" } }
          - at: 2s
            intrusion: { source-ip: 192.0.2.1, destination-ip: 10.20.30.40, packet: true }
          - at: 3s
            intrusion: { source-ip: "2001:db8:1::5", destination-ip: "2001:db8:2::9", protocol: tcp, packet: true }
          - at: 4s
            intrusion: { protocol: udp, packet: { text: "odd" } }
          - at: 5s
            connection: { source-ip: 10.20.30.40 }
          - at: 6s
            discovery: { type: hops-change, host-ip: 10.20.30.40 }
          - at: 7s
            id: given-level
            intrusion: { impact: red }
          - after: 1s
            impact-alert: { of: given-level }
          - after: 1s
            intrusion: { impact: yellow }
          - at: 10s
            intrusion: { source-ip: 192.0.2.9, destination-ip: 10.20.30.40, protocol: icmp, source-port: 8, destination-port: 0, packet: { text: "ping" } }
          - at: 11s
            intrusion: { source-ip: "2001:db8::9", destination-ip: "2001:db8::40", protocol: icmpv6, source-port: 128, destination-port: 0, packet: true }
        traffic:
          - rate: 200
            count: 4000
            packets: true
            extra-data: true
            impact-alerts: true
            duplicate-rate: 0.01
        """;

    // The same without scenario users: no event may then name a user.
    private const string NoUsers = """
        name: no-users
        seed: 99
        metadata:
          users: []
        traffic:
          - rate: 100
            count: 1500
        """;

    private static readonly Dictionary<string, Source> Cache = [];

    private static IEnumerable<TestCaseData> Sources()
    {
        yield return new TestCaseData("built-in");
        yield return new TestCaseData("every-family");
        yield return new TestCaseData("no-users");
        foreach (var file in Directory.GetFiles(Path.Combine(TestContext.CurrentContext.TestDirectory, "examples"), "*.yaml").Order(StringComparer.Ordinal))
        {
            yield return new TestCaseData(Path.GetFileNameWithoutExtension(file));
        }
    }

    [TestCaseSource(nameof(Sources))]
    public void Packets_are_well_formed_frames_of_their_intrusion_event(string source)
    {
        var data = Load(source);
        var failures = new List<string>();
        foreach (var packet in data.Records.OfType<PacketRecord>())
        {
            if (data.IntrusionOf(packet.DeviceId, packet.EventId, packet.EventSecond) is not { } intrusion)
            {
                failures.Add($"packet of event {packet.EventId}: no intrusion event with that device, ID and second");
                continue;
            }

            if (packet.PacketSecond != intrusion.EventSecond || packet.PacketMicrosecond != intrusion.EventMicrosecond)
            {
                failures.Add($"packet of event {packet.EventId}: time {packet.PacketSecond}.{packet.PacketMicrosecond:000000} is not the event's {intrusion.EventSecond}.{intrusion.EventMicrosecond:000000}");
            }

            failures.AddRange(Frame.Problems(packet, intrusion).Select(p => $"packet of event {packet.EventId}: {p}"));
        }

        Assert.That(failures, Is.Empty);
    }

    [TestCaseSource(nameof(Sources))]
    public void An_intrusion_event_names_the_original_client_its_extra_data_names(string source)
    {
        var data = Load(source);
        var failures = new List<string>();
        var events = data.Records.OfType<IntrusionEventRecord>().GroupBy(e => (e.DeviceId, e.EventId, e.EventSecond)).ToDictionary(g => g.Key, g => g.First());
        foreach (var extra in data.Records.OfType<ExtraDataRecord>().Where(x => x.ExtraDataType is 1 or 2))
        {
            var named = Plain(new IPAddress(extra.Data.AsSpan()));
            if (events.TryGetValue((extra.DeviceId, extra.EventId, extra.EventSecond), out var intrusion) && !Plain(intrusion.OriginalClientIp).Equals(named))
            {
                failures.Add($"event {extra.EventId}: extra data names {named}, the event {intrusion.OriginalClientIp}");
            }
        }

        Assert.That(failures, Is.Empty);
    }

    [TestCaseSource(nameof(Sources))]
    public void Extra_data_follows_the_record_111_the_server_sends(string source)
    {
        var data = Load(source);
        var failures = new List<string>();
        var types = data.Metadata.OfType<ExtraDataTypeRecord>().GroupBy(t => t.ExtraDataType).ToDictionary(g => g.Key, g => g.First());
        foreach (var extra in data.Records.OfType<ExtraDataRecord>())
        {
            if (!types.TryGetValue(extra.ExtraDataType, out var type))
            {
                failures.Add($"extra data of event {extra.EventId}: type {extra.ExtraDataType} has no record 111");
                continue;
            }

            // Snort's numbering (reference 11.14): the encoding a type has there is the encoding record 111 must name.
            if (SnortExtraData.TryGetValue(extra.ExtraDataType, out var snort) && snort != type.Encoding)
            {
                failures.Add($"record 111 names type {extra.ExtraDataType} '{type.Encoding}', Snort's type {extra.ExtraDataType} is {snort}");
            }

            var length = extra.Data.AsSpan().Length;
            var fits = type.Encoding switch
            {
                "IPv4" => length == 4,
                "IPv6" => length == 16,
                _ => length > 0 && !extra.Data.AsSpan().Contains((byte)0) && IsUtf8(extra.Data.AsSpan()),
            };
            if (!fits)
            {
                failures.Add($"extra data of event {extra.EventId}: type {extra.ExtraDataType} ({type.Encoding}) carries {length} bytes: {Convert.ToHexString(extra.Data.AsSpan())}");
            }

            if (data.IntrusionOf(extra.DeviceId, extra.EventId, extra.EventSecond) is null)
            {
                failures.Add($"extra data of event {extra.EventId}: no intrusion event with that device, ID and second");
            }
        }

        Assert.That(failures, Is.Empty);
    }

    [TestCaseSource(nameof(Sources))]
    public void Every_host_keeps_one_mac_across_every_record(string source)
    {
        var data = Load(source);
        var hosts = new HostIdentities();

        // Record 29 says two addresses are one host: join them before looking at MACs.
        foreach (var changed in data.Records.OfType<HostIpChangedRecord>())
        {
            hosts.Join(Plain(changed.Header.HostIp), Plain(changed.NewAddress));
        }

        var primary = new List<(IPAddress Ip, string Mac, string Where)>();
        var additional = new List<(IPAddress Ip, string Mac, string Where)>();
        foreach (var record in data.Records)
        {
            if (HeaderOf(record) is { } header)
            {
                primary.Add((Plain(header.HostIp), Mac(header.MacAddress.AsSpan()), $"record {(int)record.RecordType} header"));
            }

            switch (record)
            {
                case MacAddressRecord { RecordType: RecordType.MacInformationChange } change:
                    primary.Add((Plain(change.Header.HostIp), Mac(change.MacAddress.AsSpan()), "record 27 MAC"));
                    break;
                case MacAddressRecord extra:
                    additional.Add((Plain(extra.Header.HostIp), Mac(extra.MacAddress.AsSpan()), "record 28 MAC"));
                    break;
                case PacketRecord packet when data.IntrusionOf(packet.DeviceId, packet.EventId, packet.EventSecond) is { } intrusion && packet.Packet.AsSpan().Length >= 14:
                    var frame = packet.Packet.AsSpan();
                    primary.Add((Plain(intrusion.DestinationIp), Mac(frame[..6]), "packet destination MAC"));
                    primary.Add((Plain(intrusion.SourceIp), Mac(frame[6..12]), "packet source MAC"));
                    break;
            }
        }

        var failures = new List<string>();
        foreach (var host in primary.GroupBy(p => hosts.Of(p.Ip)))
        {
            var macs = host.Select(p => p.Mac).Distinct().ToList();
            if (macs.Count != 1)
            {
                failures.Add($"host {host.Key}: {macs.Count} MACs: {string.Join("; ", host.GroupBy(p => p.Mac).Select(g => $"{g.Key} in {string.Join(", ", g.Select(p => $"{p.Where} of {p.Ip}").Distinct().Take(4))}"))}");
            }
        }

        foreach (var mac in primary.Concat(additional).GroupBy(p => p.Mac))
        {
            var owners = mac.Select(p => hosts.Of(p.Ip)).Distinct().ToList();
            if (owners.Count != 1)
            {
                failures.Add($"MAC {mac.Key} belongs to {owners.Count} hosts: {string.Join(", ", owners.Take(6))}");
            }
        }

        foreach (var host in additional.GroupBy(p => hosts.Of(p.Ip)))
        {
            var macs = host.Select(p => p.Mac).Distinct().ToList();
            if (macs.Count != 1)
            {
                failures.Add($"host {host.Key}: {macs.Count} additional MACs ({string.Join(", ", macs)})");
            }
        }

        Assert.That(failures, Is.Empty);
    }

    [TestCaseSource(nameof(Sources))]
    public void Every_address_carries_one_country(string source)
    {
        var data = Load(source);
        var known = data.Metadata.OfType<GeolocationRecord>().Select(g => g.CountryCode).ToHashSet();
        var seen = new List<(IPAddress Ip, ushort Country, string Where)>();
        foreach (var record in data.Records)
        {
            switch (record)
            {
                case IntrusionEventRecord r:
                    seen.Add((Plain(r.SourceIp), r.SourceCountry, "400 source"));
                    seen.Add((Plain(r.DestinationIp), r.DestinationCountry, "400 destination"));
                    break;
                case ConnectionStatisticsRecord r:
                    seen.Add((Plain(r.InitiatorIp), r.InitiatorCountry, "71 initiator"));
                    seen.Add((Plain(r.ResponderIp), r.ResponderCountry, "71 responder"));
                    seen.Add((Plain(r.OriginalClientIp), r.OriginalClientCountry, "71 original client"));
                    break;
                case FileEventRecord r:
                    seen.Add((Plain(r.SourceIp), r.SourceCountry, $"{(int)r.RecordType} source"));
                    seen.Add((Plain(r.DestinationIp), r.DestinationCountry, $"{(int)r.RecordType} destination"));
                    break;
                case MalwareEventRecord r:
                    seen.Add((Plain(r.SourceIp), r.SourceCountry, "125 source"));
                    seen.Add((Plain(r.DestinationIp), r.DestinationCountry, "125 destination"));
                    break;
                case CorrelationEventRecord r:
                    seen.Add((Plain(r.SourceIp), r.SourceCountry, "112 source"));
                    seen.Add((Plain(r.DestinationIp), r.DestinationCountry, "112 destination"));
                    break;
            }
        }

        var failures = new List<string>();
        foreach (var address in seen.Where(s => !IsUnset(s.Ip)).GroupBy(s => s.Ip))
        {
            var countries = address.Select(s => s.Country).Distinct().ToList();
            if (countries.Count != 1)
            {
                failures.Add($"{address.Key}: countries {string.Join(", ", address.GroupBy(s => s.Country).Select(g => $"{g.Key} in {string.Join("/", g.Select(s => s.Where).Distinct())}"))}");
                continue;
            }

            var country = countries[0];
            if (IsPrivateOrReserved(address.Key) ? country != 0 : country == 0 || !known.Contains(country))
            {
                failures.Add($"{address.Key} ({(IsPrivateOrReserved(address.Key) ? "private or reserved" : "public")}) carries country {country}{(known.Contains(country) ? string.Empty : " (no record 520)")}");
            }
        }

        Assert.That(failures, Is.Empty);
    }

    [TestCaseSource(nameof(Sources))]
    public void Impact_levels_and_texts_match_the_impact_flags(string source)
    {
        var data = Load(source);
        var failures = new List<string>();
        foreach (var record in data.Records)
        {
            switch (record)
            {
                case IntrusionEventRecord r when r.Impact != Level(r.ImpactFlags):
                    failures.Add($"400 event {r.EventId}: impact {r.Impact}, flags 0x{r.ImpactFlags:X2} say {Level(r.ImpactFlags)}");
                    break;
                case CorrelationEventRecord r when r.Impact != Level(r.ImpactFlags):
                    failures.Add($"112 event {r.EventId}: impact {r.Impact}, flags 0x{r.ImpactFlags:X2} say {Level(r.ImpactFlags)}");
                    break;
                case ImpactAlertRecord r:
                    var level = Level((byte)r.Impact);
                    var named = Labels.Where(l => r.Description.Contains($"[Impact: {l.Value}]", StringComparison.Ordinal)).Select(l => l.Key).ToList();
                    if (named.Count != 1 || named[0] != level)
                    {
                        failures.Add($"9 event {r.EventId}: flags 0x{r.Impact:X2} (level {level}, '{Labels[level]}') but the text says '{r.Description}'");
                    }

                    if (data.IntrusionOf(r.DeviceId, r.EventId, r.EventSecond) is { } about && about.ImpactFlags != r.Impact)
                    {
                        failures.Add($"9 event {r.EventId}: flags 0x{r.Impact:X2}, its intrusion event's 0x{about.ImpactFlags:X2}");
                    }

                    break;
            }
        }

        Assert.That(failures, Is.Empty);
    }

    [TestCaseSource(nameof(Sources))]
    public void User_ids_and_names_agree_with_the_user_records(string source)
    {
        var data = Load(source);
        var users = data.Metadata.OfType<UserRecord>().ToDictionary(u => u.UserId, u => u.UserName);
        var failures = new List<string>();
        foreach (var record in data.Records)
        {
            foreach (var (id, name, where) in UsersNamedBy(record))
            {
                if (id == 0)
                {
                    if (name is { Length: > 0 })
                    {
                        failures.Add($"{where}: user '{name}' with user ID 0");
                    }

                    continue;
                }

                if (!users.TryGetValue(id, out var known))
                {
                    failures.Add($"{where}: user ID {id} has no record 98");
                }
                else if (name is not null && name != known)
                {
                    failures.Add($"{where}: user ID {id} named '{name}', record 98 says '{known}'");
                }
            }
        }

        Assert.That(failures, Is.Empty);
    }

    [TestCaseSource(nameof(Sources))]
    public void Event_microseconds_vary_from_event_to_event_and_repeat_run_to_run(string source)
    {
        var first = Microseconds(Load(source).Events);
        var again = Microseconds(Fresh(source).Events);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(again, Is.EqualTo(first), "the same scenario and seed give the same microseconds");
            if (first.Count >= 4)
            {
                Assert.That(first.Distinct().Count(), Is.GreaterThanOrEqualTo(first.Count / 2), $"distinct microseconds among {first.Count} events");
            }
        }
    }

    [TestCaseSource(nameof(Sources))]
    public void Legacy_ipv4_fields_carry_the_ipv4_address(string source)
    {
        var data = Load(source);
        var failures = new List<string>();
        foreach (var record in data.Records)
        {
            // The discovery header's legacy field is zero while the IPv6 slot carries the host (reference 9.7);
            // the 40-byte form of discovery versions 1-5 moves the host into it.
            if (HeaderOf(record) is { } header)
            {
                if (header.HasIPv6 != 0 && !header.LegacyIPv4.Equals(IPAddress.Any))
                {
                    failures.Add($"record {(int)record.RecordType}: IPv6 slot in use, legacy IPv4 field {header.LegacyIPv4} (must be zero)");
                }

                var legacy = header.WithoutIPv6Slot();
                if (IsV4(header.HostIp) && !legacy.LegacyIPv4.Equals(Plain(header.HostIp)))
                {
                    failures.Add($"record {(int)record.RecordType}: 40-byte form of host {Plain(header.HostIp)} has {legacy.LegacyIPv4}");
                }
            }

            switch (record)
            {
                case UserActivityRecord r when IsV4(r.IPv6Address) && !r.LegacyIPv4.Equals(Plain(r.IPv6Address)):
                    failures.Add($"record {(int)r.RecordType}: address {Plain(r.IPv6Address)}, IPv4 field {r.LegacyIPv4}");
                    break;
                case CorrelationEventRecord r:
                    if (IsV4(r.SourceIp) && !r.SourceIPv4.Equals(Plain(r.SourceIp)))
                    {
                        failures.Add($"112 event {r.EventId}: source {Plain(r.SourceIp)}, IPv4 field {r.SourceIPv4}");
                    }

                    if (IsV4(r.DestinationIp) && !r.DestinationIPv4.Equals(Plain(r.DestinationIp)))
                    {
                        failures.Add($"112 event {r.EventId}: destination {Plain(r.DestinationIp)}, IPv4 field {r.DestinationIPv4}");
                    }

                    break;
                case IntrusionEventRecord r when IsV4(r.SourceIp) && IsV4(r.DestinationIp):
                    var legacy = LegacyIntrusionEventRecord.From(r);
                    var decoded = (LegacyIntrusionEventRecord)RecordCodec.ReadBody(legacy.RecordType, RecordCodec.WriteBody(legacy));
                    if (decoded.RecordType != RecordType.IntrusionEventVlan || !decoded.SourceIp.Equals(Plain(r.SourceIp)) || !decoded.DestinationIp.Equals(Plain(r.DestinationIp)))
                    {
                        failures.Add($"400 event {r.EventId} as record {(int)decoded.RecordType}: {decoded.SourceIp} -> {decoded.DestinationIp}");
                    }

                    break;
            }
        }

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void A_hex_packet_is_sent_as_given()
    {
        const string Hex = "0011223344556677";
        var plan = ScenarioLoader.LoadText($"name: x\ntimeline:\n  - at: 1s\n    intrusion: {{ packet: {{ hex: \"{Hex}\" }} }}\n", "hex.yaml").Compile(Plans.Start);

        var packet = plan.Events.Select(e => e.Record).OfType<PacketRecord>().Single();

        Assert.That(Convert.ToHexString(packet.Packet.AsSpan()), Is.EqualTo(Hex.ToUpperInvariant()));
    }

    // Reference 11.6: red if any of 0xD8, orange if 0x02 and 0x04, yellow if 0x02, blue if only 0x01, else unknown.
    private static byte Level(byte flags) =>
        (flags & 0xD8) != 0 ? (byte)1 : (flags & 0x06) == 0x06 ? (byte)2 : (flags & 0x02) != 0 ? (byte)3 : (flags & 0x01) != 0 ? (byte)4 : (byte)0;

    private static readonly Dictionary<byte, string> Labels = new()
    {
        [0] = "Unknown",
        [1] = "Vulnerable",
        [2] = "Potentially Vulnerable",
        [3] = "Currently Not Vulnerable",
        [4] = "Unknown Target",
    };

    // Snort's extra-data types and their encodings (reference 11.14).
    private static readonly Dictionary<uint, string> SnortExtraData = new()
    {
        [1] = "IPv4",
        [2] = "IPv6",
        [5] = "string",
        [6] = "string",
        [7] = "string",
        [8] = "string",
        [9] = "string",
        [10] = "string",
    };

    private static IEnumerable<(uint Id, string? Name, string Where)> UsersNamedBy(IRecord record)
    {
        switch (record)
        {
            case IntrusionEventRecord r:
                yield return (r.UserId, null, $"400 event {r.EventId}");
                break;
            case ConnectionStatisticsRecord r:
                yield return (r.UserId, null, "71");
                break;
            case FileEventRecord r:
                yield return (r.UserId, null, $"{(int)r.RecordType}");
                break;
            case MalwareEventRecord r:
                yield return (r.UserId, r.User, "125");
                break;
            case UserActivityRecord r:
                yield return (r.UserId, r.UserName, $"{(int)r.RecordType}");
                break;
            case CorrelationEventRecord r:
                yield return (r.SourceUserId, null, $"112 event {r.EventId} source");
                yield return (r.DestinationUserId, null, $"112 event {r.EventId} destination");
                break;
        }
    }

    // The time of each event itself (not its companions, which share it), in plan order.
    private static List<uint> Microseconds(IEnumerable<(IRecord Record, bool Duplicate)> events) =>
        events.Where(e => !e.Duplicate).Select(e => e.Record switch
        {
            IntrusionEventRecord r => (uint?)r.EventMicrosecond,
            _ when HeaderOf(e.Record) is { } h => h.EventMicrosecond,
            _ => null,
        }).OfType<uint>().ToList();

    private static DiscoveryHeader? HeaderOf(IRecord record) => record switch
    {
        HostNoticeRecord r => r.Header,
        HostValueRecord r => r.Header,
        HostIpChangedRecord r => r.Header,
        MacAddressRecord r => r.Header,
        ConnectionStatisticsRecord r => r.Header,
        UserActivityRecord r => r.Header,
        EStreamer.Protocol.Records.Layouts.LayoutRecord r => r.Header,
        _ => null,
    };

    private static IPAddress Plain(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static bool IsV4(IPAddress address) => Plain(address).AddressFamily == AddressFamily.InterNetwork && !IsUnset(address);

    private static bool IsUnset(IPAddress address) =>
        address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Any) || Plain(address).Equals(IPAddress.Any);

    private static bool IsPrivateOrReserved(IPAddress address)
    {
        var b = Plain(address).GetAddressBytes();
        if (b.Length == 4)
        {
            return b[0] is 0 or 10 or 127 or >= 224
                || (b[0] == 100 && (b[1] & 0xC0) == 64)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && (b[1] & 0xF0) == 16)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2)
                || (b[0] == 198 && (b[1] & 0xFE) == 18)
                || (b[0] == 198 && b[1] == 51 && b[2] == 100)
                || (b[0] == 203 && b[1] == 0 && b[2] == 113);
        }

        return (b[0] & 0xFE) == 0xFC
            || b[0] == 0xFF
            || (b[0] == 0xFE && (b[1] & 0xC0) == 0x80)
            || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8)
            || b.AsSpan(0, 15).IndexOfAnyExcept((byte)0) < 0;
    }

    private static bool IsUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            _ = new UTF8Encoding(false, true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static string Mac(ReadOnlySpan<byte> mac) => Convert.ToHexString(mac);

    private static Source Load(string name)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(name, out var source))
            {
                source = Fresh(name);
                Cache[name] = source;
            }

            return source;
        }
    }

    private static Source Fresh(string name)
    {
        var scenario = name switch
        {
            // What `serve` plays without --scenario: the shipped quickstart with serve's default seed, rate and
            // history (EmulatorOptions: seed 8302, one event per second, 120 history events).
            "built-in" => ScenarioLoader.LoadExample("quickstart").WithSeed(8302).WithTraffic(1, 120),
            "every-family" => ScenarioLoader.LoadText(EveryFamily, "every-family.yaml"),
            "no-users" => ScenarioLoader.LoadText(NoUsers, "no-users.yaml"),
            _ => Plans.Example(name),
        };
        var plan = scenario.Compile(Plans.Start);
        var events = plan.Events.Take(RecordsPerSource).ToList();

        // Decoded as a client decodes them: bytes out of the protocol library's encoder, back through its decoder.
        var decoded = events.Select(e => (Record: RoundTrip(e.Record), e.IsDuplicate)).ToList();
        var metadata = plan.Metadata.Concat(events.SelectMany(e => e.Metadata)).Distinct().Select(RoundTrip).ToList();
        return new Source(decoded, metadata);
    }

    private static IRecord RoundTrip(IRecord record) => RecordCodec.ReadBody(record.RecordType, RecordCodec.WriteBody(record));

    private sealed class Source
    {
        private readonly Dictionary<(uint, uint, uint), IntrusionEventRecord> _intrusions = [];

        public Source(List<(IRecord Record, bool Duplicate)> events, List<IRecord> metadata)
        {
            Events = events;
            Records = events.Select(e => e.Record).ToList();
            Metadata = metadata;
            foreach (var intrusion in Records.OfType<IntrusionEventRecord>())
            {
                _intrusions.TryAdd((intrusion.DeviceId, intrusion.EventId, intrusion.EventSecond), intrusion);
            }
        }

        public List<(IRecord Record, bool Duplicate)> Events { get; }

        public List<IRecord> Records { get; }

        public List<IRecord> Metadata { get; }

        public IntrusionEventRecord? IntrusionOf(uint device, uint eventId, uint second) => _intrusions.GetValueOrDefault((device, eventId, second));
    }

    /// <summary>Addresses joined into hosts by record 29 (a host that changed its address stays one host).</summary>
    private sealed class HostIdentities
    {
        private readonly Dictionary<IPAddress, IPAddress> _parent = [];

        public void Join(IPAddress a, IPAddress b)
        {
            var ra = Of(a);
            var rb = Of(b);
            if (!ra.Equals(rb))
            {
                _parent[rb] = ra;
            }
        }

        public IPAddress Of(IPAddress address)
        {
            while (_parent.TryGetValue(address, out var parent))
            {
                address = parent;
            }

            return address;
        }
    }

    /// <summary>An independent reading of a captured frame: Ethernet II, IPv4 or IPv6, TCP or UDP.</summary>
    private static class Frame
    {
        public static IEnumerable<string> Problems(PacketRecord packet, IntrusionEventRecord intrusion)
        {
            var frame = packet.Packet.AsSpan().ToArray();
            var problems = new List<string>();
            if (packet.LinkType != 1)
            {
                problems.Add($"link type {packet.LinkType}, not Ethernet (1)");
                return problems;
            }

            if (frame.Length < 14)
            {
                problems.Add($"{frame.Length} bytes: no Ethernet header");
                return problems;
            }

            var source = Plain(intrusion.SourceIp);
            var destination = Plain(intrusion.DestinationIp);
            var v6 = source.AddressFamily == AddressFamily.InterNetworkV6 || destination.AddressFamily == AddressFamily.InterNetworkV6;
            var etherType = BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(12));
            if (etherType != (v6 ? 0x86DD : 0x0800))
            {
                problems.Add($"EtherType 0x{etherType:X4} for an {(v6 ? "IPv6" : "IPv4")} event");
                return problems;
            }

            var ip = frame.AsSpan(14);
            int transportAt;
            byte protocol;
            byte[] pseudo;
            if (v6)
            {
                if (ip.Length < 40 || ip[0] >> 4 != 6)
                {
                    problems.Add("no IPv6 header");
                    return problems;
                }

                var payloadLength = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
                protocol = ip[6];
                if (payloadLength != ip.Length - 40)
                {
                    problems.Add($"IPv6 payload length {payloadLength}, the frame holds {ip.Length - 40}");
                }

                if (ip[7] == 0)
                {
                    problems.Add("hop limit 0");
                }

                Compare(problems, "source", new IPAddress(ip[8..24]), Map6(source));
                Compare(problems, "destination", new IPAddress(ip[24..40]), Map6(destination));
                transportAt = 40;
                pseudo = [.. ip[8..40], 0, 0, (byte)((ip.Length - 40) >> 8), (byte)(ip.Length - 40), 0, 0, 0, protocol];
            }
            else
            {
                if (ip.Length < 20 || ip[0] >> 4 != 4)
                {
                    problems.Add("no IPv4 header");
                    return problems;
                }

                var headerLength = (ip[0] & 0x0F) * 4;
                var totalLength = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
                protocol = ip[9];
                if (headerLength < 20 || headerLength > ip.Length)
                {
                    problems.Add($"IPv4 header length {headerLength}");
                    return problems;
                }

                if (totalLength != ip.Length)
                {
                    problems.Add($"IPv4 total length {totalLength}, the frame holds {ip.Length}");
                }

                if (ip[8] == 0)
                {
                    problems.Add("TTL 0");
                }

                if (!Verifies(Sum(ip[..headerLength], 0)))
                {
                    problems.Add("IPv4 header checksum wrong");
                }

                Compare(problems, "source", new IPAddress(ip[12..16]), source);
                Compare(problems, "destination", new IPAddress(ip[16..20]), destination);
                transportAt = headerLength;
                var segmentLength = ip.Length - headerLength;
                pseudo = [.. ip[12..20], 0, protocol, (byte)(segmentLength >> 8), (byte)segmentLength];
            }

            if (protocol != intrusion.IpProtocol)
            {
                problems.Add($"IP protocol {protocol}, the event says {intrusion.IpProtocol}");
            }

            var segment = ip[transportAt..];
            if (protocol is 6 or 17)
            {
                var minimum = protocol == 6 ? 20 : 8;
                if (segment.Length < minimum)
                {
                    problems.Add($"{segment.Length} bytes after the IP header: no {(protocol == 6 ? "TCP" : "UDP")} header");
                    return problems;
                }

                var sourcePort = BinaryPrimitives.ReadUInt16BigEndian(segment);
                var destinationPort = BinaryPrimitives.ReadUInt16BigEndian(segment[2..]);
                if (sourcePort != intrusion.SourcePortOrIcmpType || destinationPort != intrusion.DestinationPortOrIcmpCode)
                {
                    problems.Add($"ports {sourcePort} -> {destinationPort}, the event says {intrusion.SourcePortOrIcmpType} -> {intrusion.DestinationPortOrIcmpCode}");
                }

                if (protocol == 6)
                {
                    var dataOffset = (segment[12] >> 4) * 4;
                    if (dataOffset < 20 || dataOffset > segment.Length)
                    {
                        problems.Add($"TCP header length {dataOffset} in a {segment.Length}-byte segment");
                    }
                }
                else
                {
                    var udpLength = BinaryPrimitives.ReadUInt16BigEndian(segment[4..]);
                    if (udpLength != segment.Length)
                    {
                        problems.Add($"UDP length {udpLength}, the datagram holds {segment.Length}");
                    }
                }

                var checksum = BinaryPrimitives.ReadUInt16BigEndian(segment[(protocol == 6 ? 16 : 6)..]);
                // Zero is a TCP checksum like any other; in UDP it means "not computed".
                if ((protocol == 17 && checksum == 0) || !Verifies(Sum(segment, Sum(pseudo, 0))))
                {
                    problems.Add($"{(protocol == 6 ? "TCP" : "UDP")} checksum 0x{checksum:X4} wrong");
                }
            }
            else if (protocol is 1 or 58 && segment.Length >= 8)
            {
                // ICMP: type and code are the event's "ports"; ICMPv6 sums the pseudo-header too, ICMPv4 does not.
                if (segment[0] != intrusion.SourcePortOrIcmpType || segment[1] != intrusion.DestinationPortOrIcmpCode)
                {
                    problems.Add($"ICMP type {segment[0]} code {segment[1]}, the event says {intrusion.SourcePortOrIcmpType} / {intrusion.DestinationPortOrIcmpCode}");
                }

                if (!Verifies(Sum(segment, protocol == 58 ? Sum(pseudo, 0) : 0)))
                {
                    problems.Add("ICMP checksum wrong");
                }
            }

            return problems;
        }

        private static void Compare(List<string> problems, string which, IPAddress inFrame, IPAddress inEvent)
        {
            if (!inFrame.Equals(inEvent))
            {
                problems.Add($"{which} address {inFrame}, the event says {inEvent}");
            }
        }

        private static IPAddress Map6(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork ? address.MapToIPv6() : address;

        // RFC 1071: the one's complement sum of 16-bit big-endian words, an odd last byte padded with zero.
        private static uint Sum(ReadOnlySpan<byte> bytes, uint sum)
        {
            for (var i = 0; i < bytes.Length; i += 2)
            {
                sum += (uint)(bytes[i] << 8) | (i + 1 < bytes.Length ? bytes[i + 1] : 0u);
            }

            return sum;
        }

        private static bool Verifies(uint sum)
        {
            while (sum >> 16 != 0)
            {
                sum = (sum & 0xFFFF) + (sum >> 16);
            }

            return sum == 0xFFFF;
        }
    }
}

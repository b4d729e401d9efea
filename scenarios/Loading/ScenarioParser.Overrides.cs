using System.Net;
using System.Reflection;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Records.Connection;
using EStreamer.Protocol.Records.Correlation;
using EStreamer.Protocol.Records.Discovery;
using EStreamer.Protocol.Records.Files;
using EStreamer.Protocol.Records.Intrusion;
using EStreamer.Protocol.Records.Users;
using EStreamer.Scenarios.Model;
using YamlDotNet.RepresentationModel;

namespace EStreamer.Scenarios.Loading;

/// <summary>
/// A family step's <c>set</c>: any field of its record by the kebab-case name of its property
/// (<c>event-microsecond</c>, <c>ioc-number</c>), checked against the record's type as the file is read.
/// The record type and the block type are the negotiation's, not the scenario's.
/// </summary>
internal sealed partial class ScenarioParser
{
    private const string SetKey = "set";

    private static readonly HashSet<string> NotSettable = ["RecordType", "BlockType", "SupportedBlockTypes", "EqualityContract"];

    private static Type? RecordClassOf(EventKind kind, DiscoveryKind? discovery) => kind switch
    {
        EventKind.Intrusion => typeof(IntrusionEventRecord),
        EventKind.ImpactAlert => typeof(ImpactAlertRecord),
        EventKind.Connection => typeof(ConnectionStatisticsRecord),
        EventKind.File => typeof(FileEventRecord),
        EventKind.Malware => typeof(MalwareEventRecord),
        EventKind.UserLogin => typeof(UserActivityRecord),
        EventKind.Correlation => typeof(CorrelationEventRecord),
        EventKind.Discovery => discovery switch
        {
            null => null,
            DiscoveryKind.IpChanged => typeof(HostIpChangedRecord),
            DiscoveryKind.MacChange or DiscoveryKind.AdditionalMac => typeof(MacAddressRecord),
            _ when Generators.DiscoveryGenerator.MaxValue(discovery.Value) is not null => typeof(HostValueRecord),
            _ => typeof(HostNoticeRecord),
        },
        _ => null,
    };

    private RecordOverrides? ParseOverrides(EventKind kind, EventFields fields, YamlNode node)
    {
        if (RecordClassOf(kind, fields.DiscoveryKind) is not { } type)
        {
            _context.Error(node, "'set' on a discovery event needs its 'type', which decides the record's fields");
            return null;
        }

        return ParseOverrides(type, node, SetKey);
    }

    private RecordOverrides? ParseOverrides(Type type, YamlNode node, string path)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && !NotSettable.Contains(p.Name))
            .ToDictionary(p => Names.Kebab(p.Name), StringComparer.Ordinal);
        if (_context.Mapping(node, $"'{path}'", properties.Keys.ToArray()) is not { } map)
        {
            return null;
        }

        var overrides = new RecordOverrides();
        foreach (var key in map.Keys)
        {
            var property = properties[key];
            var value = map.Get(key)!;
            var at = $"{path}.{key}";
            if (IsNestedRecord(property.PropertyType))
            {
                if (ParseOverrides(property.PropertyType, value, at) is { } nested)
                {
                    overrides.AddNested(property, nested);
                }

                continue;
            }

            if (ConvertScalar(property.PropertyType, value, at, out var converted))
            {
                overrides.Add(property, converted);
            }
        }

        return overrides;
    }

    private static bool IsNestedRecord(Type type) => type == typeof(DiscoveryHeader) || type == typeof(FileTransferDetails);

    private bool ConvertScalar(Type type, YamlNode node, string path, out object? value)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        value = null;
        if (target.IsEnum)
        {
            var underlying = Enum.GetUnderlyingType(target);
            var max = underlying == typeof(byte) ? byte.MaxValue : underlying == typeof(ushort) ? ushort.MaxValue : uint.MaxValue;
            if (_context.Integer(node, path, 0, max) is not { } number)
            {
                return false;
            }

            value = Enum.ToObject(target, number);
            return true;
        }

        value = target switch
        {
            _ when target == typeof(byte) => (byte?)_context.Integer(node, path, 0, byte.MaxValue),
            _ when target == typeof(ushort) => (ushort?)_context.Integer(node, path, 0, ushort.MaxValue),
            _ when target == typeof(short) => (short?)_context.Integer(node, path, short.MinValue, short.MaxValue),
            _ when target == typeof(uint) => (uint?)_context.Integer(node, path, 0, uint.MaxValue),
            _ when target == typeof(int) => (int?)_context.Integer(node, path, int.MinValue, int.MaxValue),
            _ when target == typeof(ulong) => (ulong?)_context.Integer(node, path, 0, long.MaxValue),
            _ when target == typeof(long) => _context.Integer(node, path, long.MinValue, long.MaxValue),
            _ when target == typeof(bool) => _context.Boolean(node, path),
            _ when target == typeof(string) => _context.String(node, path),
            _ when target == typeof(IPAddress) => _context.Ip(node, path),
            _ when target == typeof(Guid) => _context.Uuid(node, path),
            _ when target == typeof(EquatableArray<byte>) => _context.Hex(node, path, null) is { } bytes ? new EquatableArray<byte>(bytes) : (object?)null,
            _ => Unsupported(node, path, target),
        };
        return value is not null;
    }

    private object? Unsupported(YamlNode node, string path, Type type)
    {
        _context.Error(node, $"'{path}' ({type.Name}) cannot be set from a scenario");
        return null;
    }
}

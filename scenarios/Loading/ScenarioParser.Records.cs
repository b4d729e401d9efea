using System.Text;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Layouts;
using EStreamer.Protocol.Records.Metadata;
using EStreamer.Scenarios.Generators;
using EStreamer.Scenarios.Model;
using YamlDotNet.RepresentationModel;

namespace EStreamer.Scenarios.Loading;

/// <summary>
/// The <c>record</c> step: a record of the catalogue by <c>type</c> (number or kebab-case name), with any of
/// its fields set by their layout names. Nested blocks are mappings, lists are sequences of mappings. A
/// discovery record also takes <c>device</c> and <c>host-ip</c> for its header; ID–name metadata takes <c>id</c>
/// and <c>name</c>, UUID–name metadata <c>uuid</c> and <c>name</c>, policy metadata (145–147) <c>uuid</c>,
/// <c>device</c> and <c>name</c>.
/// </summary>
internal sealed partial class ScenarioParser
{
    private static readonly string[] HeaderKeys = ["device", "host-ip"];
    private static readonly string[] IdNameKeys = ["id", "name"];
    private static readonly string[] UuidNameKeys = ["uuid", "name"];
    private static readonly string[] PolicyKeys = ["uuid", "device", "name"];

    private EventFields? ParseRecordFields(YamlNode node)
    {
        if (node is not YamlMappingNode mappingNode)
        {
            _context.Error(node, $"'record' needs a mapping with at least 'type', got {ParseContext.Describe(node)}");
            return null;
        }

        var typeNode = mappingNode.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "type" }).Value;
        if (typeNode is null)
        {
            _context.Error(node, "'record' needs 'type': a record number or name, e.g. 'type: 34' or 'type: vlan-tag-update'");
            return null;
        }

        if (ParseRecordType(typeNode) is not { } type)
        {
            return null;
        }

        var fields = new EventFields { RecordType = type, RecordValues = new FieldValues() };
        var before = _context.Errors.Count;
        if (RecordLayouts.TryGet(type, out var layout))
        {
            var keys = layout.Fields.Where(f => f.Kind != FieldKind.DiscoveryHeader).Select(f => f.Name)
                .Concat(layout.HasDiscoveryHeader ? HeaderKeys : []).Append("type").ToArray();
            if (_context.Mapping(node, $"record {(uint)type}", keys) is not { } map)
            {
                return null;
            }

            foreach (var key in map.Keys)
            {
                var value = map.Get(key)!;
                switch (key)
                {
                    case "type":
                        break;
                    case "device":
                        fields.DeviceId = ResolveDevice(value);
                        break;
                    case "host-ip":
                        fields.HostIp = _context.Ip(value, key);
                        break;
                    default:
                        var field = layout.Fields.First(f => f.Name == key);
                        if (ParseFieldValue(field, value, key) is { } parsed)
                        {
                            fields.RecordValues.Set(key, parsed);
                        }

                        break;
                }
            }
        }
        else
        {
            var isUuid = UuidNameRecord.RecordTypes.Contains(type);
            var isPolicy = PolicyRecord.RecordTypes.Contains(type);
            string[] keys = isPolicy ? PolicyKeys : isUuid ? UuidNameKeys : IdNameKeys;
            if (_context.Mapping(node, $"record {(uint)type}", [.. keys, "type"]) is not { } map)
            {
                return null;
            }

            if (map.Get("device") is { } deviceNode)
            {
                fields.DeviceId = ResolveDevice(deviceNode);
            }

            if (map.Get("id") is { } id && _context.UInt32(id, "id") is { } idValue)
            {
                fields.RecordValues.Set("id", (ulong)idValue);
            }

            if (map.Get("uuid") is { } uuid && _context.Uuid(uuid, "uuid") is { } uuidValue)
            {
                fields.RecordValues.Set("uuid", uuidValue);
            }

            if (map.Get("name") is { } name && _context.String(name, "name") is { } nameValue)
            {
                fields.RecordValues.Set("name", nameValue);
            }
        }

        return _context.Errors.Count == before ? fields : null;
    }

    private RecordType? ParseRecordType(YamlNode node)
    {
        if (node is not YamlScalarNode { Value: { } text } || ParseContext.IsNull(node))
        {
            _context.Error(node, $"'type' must be a record number or name, got {ParseContext.Describe(node)}");
            return null;
        }

        RecordType type;
        if (uint.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            type = (RecordType)number;
        }
        else if (CatalogueRecords.Names.TryGetValue(text, out var named))
        {
            type = named;
        }
        else
        {
            var suggestion = Suggestions.Closest(text, CatalogueRecords.Types.Select(CatalogueRecords.NameOf));
            _context.Error(node, $"unknown record type '{text}'" + (suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?"));
            return null;
        }

        if (!CatalogueRecords.IsScriptable(type))
        {
            _context.Error(node, $"record {(uint)type} ({CatalogueRecords.NameOf(type)}) is not made by the 'record' step: its family has its own step "
                + "(intrusion, impact-alert, connection, file, malware, user-login, discovery, correlation) or it is sent as their metadata; docs/scenarios.md lists what 'record' makes");
            return null;
        }

        return type;
    }

    private object? ParseFieldValue(LayoutField field, YamlNode node, string path)
    {
        switch (field.Kind)
        {
            case FieldKind.UInt8 or FieldKind.UInt16 or FieldKind.UInt32:
                return _context.Integer(node, path, 0, (long)field.MaxValue) is { } small ? (ulong)small : null;
            case FieldKind.UInt64:
                return _context.Integer(node, path, 0, long.MaxValue) is { } large ? (ulong)large : null;
            case FieldKind.IPv4 or FieldKind.IPv6:
                return _context.Ip(node, path);
            case FieldKind.Mac:
                return _context.Hex(node, path, 6);
            case FieldKind.Bytes:
                return _context.Hex(node, path, field.Size);
            case FieldKind.Uuid:
                return _context.Uuid(node, path);
            case FieldKind.Text16 or FieldKind.Text32 or FieldKind.StringBlock:
                return _context.String(node, path);
            case FieldKind.BlobBlock:
                return _context.String(node, path) is { } text ? Encoding.UTF8.GetBytes(text) : null;
            case FieldKind.Block:
                return ParseBlockValues(field.Block!, node, path);
            case FieldKind.List:
                if (_context.Sequence(node, path) is not { } items)
                {
                    return null;
                }

                var list = new List<FieldValues>();
                for (var i = 0; i < items.Count; i++)
                {
                    if (ParseBlockValues(field.Block!, items[i], $"{path}[{i}]") is { } item)
                    {
                        list.Add(item);
                    }
                }

                return list;
            default:
                _context.Error(node, $"'{path}' cannot be set from a scenario");
                return null;
        }
    }

    private FieldValues? ParseBlockValues(BlockLayout block, YamlNode node, string path)
    {
        if (_context.Mapping(node, $"'{path}' ({block.Name} block {block.BlockType})", block.Fields.Select(f => f.Name).ToArray()) is not { } map)
        {
            return null;
        }

        var values = new FieldValues();
        foreach (var key in map.Keys)
        {
            var field = block.Fields.First(f => f.Name == key);
            if (ParseFieldValue(field, map.Get(key)!, $"{path}.{key}") is { } parsed)
            {
                values.Set(key, parsed);
            }
        }

        return values;
    }
}

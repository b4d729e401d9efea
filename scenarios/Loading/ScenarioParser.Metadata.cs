using EStreamer.Scenarios.Generators;
using EStreamer.Scenarios.Model;
using YamlDotNet.RepresentationModel;

namespace EStreamer.Scenarios.Loading;

internal sealed partial class ScenarioParser
{
    internal static readonly string[] MetadataKeys = ["devices", "classifications", "priorities", "intrusion-policies", "access-policies", "rules", "users"];
    internal static readonly string[] DeviceKeys = ["id", "name"];
    internal static readonly string[] ClassificationKeys = ["id", "name", "description", "uuid", "revision-uuid"];
    internal static readonly string[] PriorityKeys = ["id", "name"];
    internal static readonly string[] IntrusionPolicyKeys = ["key", "name", "uuid"];
    internal static readonly string[] AccessPolicyKeys = ["key", "name", "uuid", "devices", "rules"];
    internal static readonly string[] AccessRuleKeys = ["id", "name"];
    internal static readonly string[] RuleKeys = ["key", "gid", "rule-id", "sid", "revision", "message", "classification", "priority", "uuid", "revision-uuid"];
    internal static readonly string[] UserKeys = ["id", "name", "domain", "email", "protocol"];

    private ScenarioMetadata ParseMetadata(YamlNode node)
    {
        var map = _context.Mapping(node, "'metadata'", MetadataKeys);
        if (map is null)
        {
            return _metadata;
        }

        // Each list replaces its default; order matters only for references between lists.
        var devices = map.Get("devices") is { } devicesNode ? ParseList(devicesNode, "devices", ParseDevice) : DefaultMetadata.Devices;
        RequireUnique(devices, d => d.Id, map.Get("devices"), "device id");
        var classifications = map.Get("classifications") is { } classNode ? ParseList(classNode, "classifications", ParseClassification) : DefaultMetadata.Classifications;
        RequireUnique(classifications, c => c.Id, map.Get("classifications"), "classification id");
        var priorities = map.Get("priorities") is { } priorityNode ? ParseList(priorityNode, "priorities", ParsePriority) : DefaultMetadata.Priorities;
        RequireUnique(priorities, p => p.Id, map.Get("priorities"), "priority id");

        _metadata = _metadata with { Devices = devices, Classifications = classifications, Priorities = priorities };

        var intrusionPolicies = map.Get("intrusion-policies") is { } ipNode ? ParseList(ipNode, "intrusion-policies", ParseIntrusionPolicy) : DefaultMetadata.IntrusionPolicies;
        RequireUnique(intrusionPolicies, p => p.Key, map.Get("intrusion-policies"), "intrusion policy key");
        var accessPolicies = map.Get("access-policies") is { } apNode ? ParseList(apNode, "access-policies", ParseAccessPolicy) : DefaultMetadata.AccessPolicies(devices);
        RequireUnique(accessPolicies, p => p.Key, map.Get("access-policies"), "access policy key");
        var rules = map.Get("rules") is { } rulesNode ? ParseList(rulesNode, "rules", ParseRule) : DefaultMetadata.Rules;
        RequireUnique(rules, r => (r.GeneratorId, r.RuleId), map.Get("rules"), "rule (gid, rule-id)");
        RequireUnique(rules.Where(r => r.Key is not null).ToList(), r => r.Key!, map.Get("rules"), "rule key");
        var users = map.Get("users") is { } usersNode ? ParseList(usersNode, "users", ParseUser) : DefaultMetadata.Users;
        RequireUnique(users, u => u.Id, map.Get("users"), "user id");
        RequireUnique(users, u => u.Name, map.Get("users"), "user name");

        // Generators draw a device for every event and a rule for every intrusion; an empty list leaves nothing to draw.
        RequireNotEmpty(devices, map, "devices", "device");
        RequireNotEmpty(rules, map, "rules", "rule");
        return new ScenarioMetadata(devices, classifications, priorities, intrusionPolicies, accessPolicies, rules, users);
    }

    private void RequireNotEmpty<T>(IReadOnlyList<T> items, Mapping map, string key, string what)
    {
        if (items.Count == 0 && map.Get(key) is YamlSequenceNode { Children.Count: 0 } node)
        {
            _context.Error(node, $"'{key}' needs at least one {what}; leave '{key}' out to use the built-in ones");
        }
    }

    private List<T> ParseList<T>(YamlNode node, string what, Func<YamlNode, T?> parseItem)
        where T : class
    {
        var result = new List<T>();
        if (_context.Sequence(node, what) is not { } items)
        {
            return result;
        }

        foreach (var item in items)
        {
            if (parseItem(item) is { } parsed)
            {
                result.Add(parsed);
            }
        }

        return result;
    }

    private void RequireUnique<T, TKey>(IReadOnlyList<T> items, Func<T, TKey> key, YamlNode? listNode, string what)
        where TKey : notnull
    {
        if (listNode is not YamlSequenceNode sequence || sequence.Children.Count != items.Count)
        {
            // Default lists are unique by construction; a list with bad items was reported already.
            return;
        }

        var seen = new HashSet<TKey>();
        for (var i = 0; i < items.Count; i++)
        {
            if (!seen.Add(key(items[i])))
            {
                _context.Error(sequence.Children[i], $"duplicate {what} {key(items[i])}");
            }
        }
    }

    private DeviceDefinition? ParseDevice(YamlNode node)
    {
        var map = _context.Mapping(node, "device", DeviceKeys);
        var id = map?.Require("id") is { } idNode ? _context.UInt32(idNode, "id") : null;
        var name = map?.Require("name") is { } nameNode ? _context.String(nameNode, "name") : null;
        return id is null || name is null ? null : new DeviceDefinition(id.Value, name);
    }

    private ClassificationDefinition? ParseClassification(YamlNode node)
    {
        var map = _context.Mapping(node, "classification", ClassificationKeys);
        if (map is null)
        {
            return null;
        }

        var id = map.Require("id") is { } idNode ? _context.UInt32(idNode, "id") : null;
        var name = map.Require("name") is { } nameNode ? _context.String(nameNode, "name") : null;
        var description = map.Get("description") is { } descriptionNode ? _context.String(descriptionNode, "description") : string.Empty;
        var uuid = map.Get("uuid") is { } uuidNode ? _context.Uuid(uuidNode, "uuid") : null;
        var revision = map.Get("revision-uuid") is { } revisionNode ? _context.Uuid(revisionNode, "revision-uuid") : null;
        if (id is null || name is null || description is null)
        {
            return null;
        }

        return new ClassificationDefinition(
            id.Value,
            name,
            description,
            uuid ?? StableUuid.For("classification", id.Value),
            revision ?? StableUuid.For("classification-revision", id.Value));
    }

    private PriorityDefinition? ParsePriority(YamlNode node)
    {
        var map = _context.Mapping(node, "priority", PriorityKeys);
        var id = map?.Require("id") is { } idNode ? _context.UInt32(idNode, "id") : null;
        var name = map?.Require("name") is { } nameNode ? _context.String(nameNode, "name") : null;
        return id is null || name is null ? null : new PriorityDefinition(id.Value, name);
    }

    private PolicyDefinition? ParseIntrusionPolicy(YamlNode node)
    {
        var map = _context.Mapping(node, "intrusion policy", IntrusionPolicyKeys);
        if (map is null)
        {
            return null;
        }

        var key = map.Require("key") is { } keyNode ? _context.String(keyNode, "key") : null;
        var name = map.Require("name") is { } nameNode ? _context.String(nameNode, "name") : null;
        var uuid = map.Get("uuid") is { } uuidNode ? _context.Uuid(uuidNode, "uuid") : null;
        return key is null || name is null ? null : new PolicyDefinition(key, uuid ?? StableUuid.For("intrusion-policy", key), name, [], []);
    }

    private PolicyDefinition? ParseAccessPolicy(YamlNode node)
    {
        var map = _context.Mapping(node, "access policy", AccessPolicyKeys);
        if (map is null)
        {
            return null;
        }

        var key = map.Require("key") is { } keyNode ? _context.String(keyNode, "key") : null;
        var name = map.Require("name") is { } nameNode ? _context.String(nameNode, "name") : null;
        var uuid = map.Get("uuid") is { } uuidNode ? _context.Uuid(uuidNode, "uuid") : null;
        IReadOnlyList<uint> devices = _metadata.Devices.Select(d => d.Id).ToArray();
        if (map.Get("devices") is { } devicesNode && _context.Sequence(devicesNode, "devices") is { } deviceItems)
        {
            var list = new List<uint>();
            foreach (var item in deviceItems)
            {
                if (ResolveDevice(item) is { } deviceId)
                {
                    list.Add(deviceId);
                }
            }

            devices = list;
        }

        var rules = map.Get("rules") is { } rulesNode ? ParseList(rulesNode, "rules", ParseAccessRule) : [];
        RequireUnique(rules, r => r.Id, map.Get("rules"), "access rule id");
        return key is null || name is null ? null : new PolicyDefinition(key, uuid ?? StableUuid.For("access-policy", key), name, devices, rules);
    }

    private AccessRuleDefinition? ParseAccessRule(YamlNode node)
    {
        var map = _context.Mapping(node, "access rule", AccessRuleKeys);
        var id = map?.Require("id") is { } idNode ? _context.UInt32(idNode, "id") : null;
        var name = map?.Require("name") is { } nameNode ? _context.String(nameNode, "name") : null;
        return id is null || name is null ? null : new AccessRuleDefinition(id.Value, name);
    }

    private RuleDefinition? ParseRule(YamlNode node)
    {
        var map = _context.Mapping(node, "rule", RuleKeys);
        if (map is null)
        {
            return null;
        }

        var key = map.Get("key") is { } keyNode ? _context.String(keyNode, "key") : null;
        var gid = map.Get("gid") is { } gidNode ? _context.UInt32(gidNode, "gid", 1) : 1;
        var ruleId = map.Require("rule-id") is { } ruleIdNode ? _context.UInt32(ruleIdNode, "rule-id", 1) : null;
        var sid = map.Get("sid") is { } sidNode ? _context.UInt32(sidNode, "sid", 1) : ruleId;
        var revision = map.Get("revision") is { } revisionNode ? _context.UInt32(revisionNode, "revision") : 1;
        var message = map.Require("message") is { } messageNode ? _context.String(messageNode, "message") : null;
        var classification = map.Get("classification") is { } classNode ? ResolveClassification(classNode) : 0;
        var priority = map.Get("priority") is { } priorityNode ? ResolvePriority(priorityNode) : _metadata.Priorities.LastOrDefault()?.Id ?? 0;
        var uuid = map.Get("uuid") is { } uuidNode ? _context.Uuid(uuidNode, "uuid") : null;
        var revisionUuid = map.Get("revision-uuid") is { } revisionUuidNode ? _context.Uuid(revisionUuidNode, "revision-uuid") : null;
        if (gid is null || ruleId is null || sid is null || revision is null || message is null || classification is null || priority is null)
        {
            return null;
        }

        return new RuleDefinition(
            key,
            gid.Value,
            ruleId.Value,
            sid.Value,
            revision.Value,
            message,
            classification.Value,
            priority.Value,
            uuid ?? StableUuid.For("rule", gid.Value, ruleId.Value),
            revisionUuid ?? StableUuid.For("rule-revision", gid.Value, ruleId.Value, revision.Value));
    }

    private UserDefinition? ParseUser(YamlNode node)
    {
        var map = _context.Mapping(node, "user", UserKeys);
        if (map is null)
        {
            return null;
        }

        var id = map.Require("id") is { } idNode ? _context.UInt32(idNode, "id", 1) : null;
        var name = map.Require("name") is { } nameNode ? _context.String(nameNode, "name") : null;
        var domain = map.Get("domain") is { } domainNode ? _context.String(domainNode, "domain") : string.Empty;
        var email = map.Get("email") is { } emailNode ? _context.String(emailNode, "email") : null;
        var protocol = map.Get("protocol") is { } protocolNode ? _context.UInt32(protocolNode, "protocol") : 710;
        if (id is null || name is null || domain is null || protocol is null)
        {
            return null;
        }

        return new UserDefinition(id.Value, name, domain, email ?? $"{name}@example.com", protocol.Value);
    }

    private uint? ResolveDevice(YamlNode node)
    {
        if (_context.UInt32(node, "device") is not { } id)
        {
            return null;
        }

        if (_metadata.Devices.All(d => d.Id != id))
        {
            _context.Error(node, $"unknown device {id}; devices in metadata: {string.Join(", ", _metadata.Devices.Select(d => d.Id))}");
            return null;
        }

        return id;
    }

    private uint? ResolveClassification(YamlNode node)
    {
        if (_context.UInt32(node, "classification") is not { } id)
        {
            return null;
        }

        if (_metadata.Classifications.All(c => c.Id != id))
        {
            _context.Error(node, $"unknown classification {id}; classifications in metadata: {string.Join(", ", _metadata.Classifications.Select(c => c.Id))}");
            return null;
        }

        return id;
    }

    private uint? ResolvePriority(YamlNode node)
    {
        if (_context.UInt32(node, "priority") is not { } id)
        {
            return null;
        }

        if (_metadata.Priorities.All(p => p.Id != id))
        {
            _context.Error(node, $"unknown priority {id}; priorities in metadata: {string.Join(", ", _metadata.Priorities.Select(p => p.Id))}");
            return null;
        }

        return id;
    }
}

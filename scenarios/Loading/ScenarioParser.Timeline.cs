using System.Net;
using System.Net.Sockets;
using System.Text;
using EStreamer.Scenarios.Model;
using YamlDotNet.RepresentationModel;

namespace EStreamer.Scenarios.Loading;

internal sealed partial class ScenarioParser
{
    private const string ResendKey = "resend";

    internal static readonly string[] StepKeys =
        ["at", "after", "id", "intrusion", "impact-alert", "connection", "file", "malware", "user-login", "discovery", "correlation", "record", ResendKey];

    internal static readonly string[] NetworkKeys = ["device", "event-id", "source-ip", "destination-ip", "source-port", "destination-port", "protocol", "user"];

    internal static readonly IReadOnlyDictionary<EventKind, string[]> FieldKeys = new Dictionary<EventKind, string[]>
    {
        [EventKind.Intrusion] =
        [
            .. NetworkKeys, "rule", "sid", "rule-id", "gid", "revision", "classification", "priority", "impact-flags", "impact", "blocked",
            "vlan", "intrusion-policy", "access-policy", "http-hostname", "http-uri", "packet", "extra-data", SetKey,
        ],
        [EventKind.ImpactAlert] = ["of", "device", "event-id", "source-ip", "destination-ip", "impact-flags", "description", SetKey],
        [EventKind.Connection] =
        [
            .. NetworkKeys, "initiator-bytes", "responder-bytes", "initiator-packets", "responder-packets", "action", "access-policy",
            "access-rule", "url", "dns-query", "ssl-server-name", "duration", "vlan", SetKey,
        ],
        [EventKind.File] = [.. NetworkKeys, "file-name", "sha256", "size", "disposition", "action", "direction", "uri", "signature", "malware", "access-policy", SetKey],
        [EventKind.Malware] = [.. NetworkKeys, "file-name", "sha256", "size", "detection", "file-path", "disposition", "action", "threat-score", "uri", "access-policy", SetKey],
        [EventKind.UserLogin] = ["device", "user", "host-ip", "activity", SetKey],
        [EventKind.Discovery] = ["device", "type", "host-ip", "mac", "value", "new-ip", SetKey],
        [EventKind.Correlation] =
        [
            .. NetworkKeys, "of", "rule", "sid", "rule-id", "gid", "policy-id", "correlation-rule", "priority", "description", SetKey,
        ],
    };

    internal static readonly string[] ExtraDataKeys = ["type", "value"];
    internal static readonly string[] PacketKeys = ["hex", "text"];

    // References between steps are checked once every id is known, so a step may name one written later.
    private readonly List<(YamlNode Node, string Target, TimelineReference Kind, int StepIndex)> _references = [];

    private enum TimelineReference
    {
        Resend,
        IntrusionOf,
    }

    private IReadOnlyList<TimelineStep> ParseTimeline(YamlNode node)
    {
        var steps = new List<TimelineStep>();
        if (_context.Sequence(node, "timeline") is not { } items)
        {
            return steps;
        }

        var ids = new Dictionary<string, TimelineStep>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var referencesBefore = _references.Count;
            var step = ParseStep(item, steps.Count);
            if (step is null)
            {
                // Its references are still checked (an unknown id is worth reporting), but no longer tied to a step.
                for (var i = referencesBefore; i < _references.Count; i++)
                {
                    _references[i] = _references[i] with { StepIndex = -1 };
                }

                continue;
            }

            if (step.Id is { } id)
            {
                if (ids.ContainsKey(id))
                {
                    _context.Error(step.Location, $"duplicate timeline id '{id}'");
                }
                else
                {
                    ids[id] = step;
                }
            }

            steps.Add(step);
        }

        CheckReferences(steps, ids);
        return steps;
    }

    private TimelineStep? ParseStep(YamlNode node, int index)
    {
        var map = _context.Mapping(node, "timeline step", StepKeys);
        if (map is null)
        {
            return null;
        }

        var time = ParseStepTime(map, out var timeLocation);
        var id = map.Get("id") is { } idNode ? _context.String(idNode, "id") : null;

        var eventKeys = map.Keys.Where(k => k is not ("at" or "after" or "id")).ToList();
        if (eventKeys.Count == 0)
        {
            _context.Error(node, $"timeline step needs one event ({string.Join(", ", Names.EventKinds.Keys)}) or '{ResendKey}'");
            return null;
        }

        if (eventKeys.Count > 1)
        {
            _context.Error(map.KeyNode(eventKeys[1])!, $"a timeline step holds one event; '{eventKeys[0]}' and '{eventKeys[1]}' need a step each");
            return null;
        }

        var eventKey = eventKeys[0];
        var value = map.Get(eventKey)!;
        if (eventKey == ResendKey)
        {
            if (_context.String(value, ResendKey) is not { } target)
            {
                return null;
            }

            _references.Add((value, target, TimelineReference.Resend, index));
            return time is null ? null : new TimelineStep(index, _context.Locate(node), timeLocation, time.Value, id, null, EventFields.None, target);
        }

        var kind = Names.EventKinds[eventKey];
        var fields = kind == EventKind.Record ? ParseRecordFields(value) : ParseFields(kind, eventKey, value, index);
        if (time is null || fields is null)
        {
            return null;
        }

        return new TimelineStep(index, _context.Locate(node), timeLocation, time.Value, id, kind, fields, null);
    }

    private StepTime? ParseStepTime(Mapping map, out SourceLocation location)
    {
        location = _context.Locate(map.Node);
        var at = map.Get("at");
        var after = map.Get("after");
        if (at is not null && after is not null)
        {
            _context.Error(map.KeyNode("after")!, "a timeline step takes 'at' or 'after', not both");
            return null;
        }

        if (at is null && after is null)
        {
            _context.Error(map.Node, "timeline step needs 'at' (time from the start, or an absolute time) or 'after' (time after the previous step)");
            return null;
        }

        if (after is not null)
        {
            location = _context.Locate(after);
            return _context.Duration(after, "after", allowNegative: false) is { } delta ? StepTime.AfterPrevious(delta) : null;
        }

        location = _context.Locate(at!);
        if (at is not YamlScalarNode { Value: { } text } || ParseContext.IsNull(at))
        {
            _context.Error(at!, $"'at' must be {TimeSyntax.TimeHelp}, got {ParseContext.Describe(at!)}");
            return null;
        }

        if (TimeSyntax.LooksLikeInstant(text))
        {
            if (!TimeSyntax.TryParseInstant(text, out var instant, out var problem))
            {
                _context.Error(at!, problem);
                return null;
            }

            return StepTime.Absolute(instant);
        }

        if (!TimeSyntax.TryParseDuration(text, out var offset))
        {
            _context.Error(at!, $"'at' must be {TimeSyntax.TimeHelp}, got '{text}'");
            return null;
        }

        return StepTime.FromStart(offset);
    }

    private EventFields? ParseFields(EventKind kind, string familyName, YamlNode node, int stepIndex)
    {
        var fields = new EventFields();
        if (ParseContext.IsNull(node))
        {
            return fields;
        }

        var map = _context.Mapping(node, $"{familyName} event", FieldKeys[kind]);
        if (map is null)
        {
            return null;
        }

        var before = _context.Errors.Count;
        foreach (var key in map.Keys.Where(k => k != SetKey))
        {
            ParseField(kind, key, map.Get(key)!, fields, stepIndex);
        }

        // Read last: which fields a discovery record has depends on its 'type'.
        if (map.Get(SetKey) is { } set)
        {
            fields.Overrides = ParseOverrides(kind, fields, set);
        }

        if (kind is EventKind.Intrusion or EventKind.Correlation)
        {
            fields.Rule = ResolveRule(map);
        }

        if (kind is EventKind.Discovery && fields.Value is { } value && fields.DiscoveryKind is { } discovery)
        {
            CheckDiscoveryValue(map.Get("value")!, discovery, value);
        }

        return _context.Errors.Count == before ? fields : null;
    }

    private void ParseField(EventKind kind, string key, YamlNode value, EventFields fields, int stepIndex)
    {
        switch (key)
        {
            case "device":
                fields.DeviceId = ResolveDevice(value);
                break;
            case "event-id":
                fields.EventId = _context.UInt32(value, key, 1);
                break;
            case "source-ip":
                fields.SourceIp = _context.Ip(value, key);
                break;
            case "destination-ip":
                fields.DestinationIp = _context.Ip(value, key);
                break;
            case "source-port":
                fields.SourcePort = _context.UInt16(value, key);
                break;
            case "destination-port":
                fields.DestinationPort = _context.UInt16(value, key);
                break;
            case "protocol":
                fields.Protocol = (byte?)_context.IntegerOrName(value, key, 0, byte.MaxValue, Names.Protocols);
                break;
            case "user":
                fields.User = ResolveUser(value);
                break;
            case "rule" or "sid" or "rule-id" or "gid":
                // Resolved together once all keys are read (ResolveRule).
                break;
            case "revision":
                fields.Revision = _context.UInt32(value, key);
                break;
            case "classification":
                fields.ClassificationId = ResolveClassification(value);
                break;
            case "priority" when kind == EventKind.Intrusion:
                fields.PriorityId = ResolvePriority(value);
                break;
            case "priority":
                fields.CorrelationPriority = _context.UInt32(value, key);
                break;
            case "impact-flags":
                fields.ImpactFlags = _context.UInt8(value, key);
                break;
            case "impact":
                fields.Impact = (byte?)_context.IntegerOrName(value, key, 0, 4, Names.Impact);
                break;
            case "blocked":
                fields.Blocked = (byte?)_context.IntegerOrName(value, key, 0, 2, Names.Blocked);
                break;
            case "vlan":
                fields.VlanId = (ushort?)_context.Integer(value, key, 0, 4095);
                break;
            case "intrusion-policy":
                fields.IntrusionPolicy = ResolvePolicy(value, key, _metadata.IntrusionPolicies);
                break;
            case "access-policy":
                fields.AccessPolicy = ResolvePolicy(value, key, _metadata.AccessPolicies);
                break;
            case "http-hostname":
                fields.HttpHostname = _context.String(value, key);
                break;
            case "http-uri":
                fields.HttpUri = _context.String(value, key);
                break;
            case "packet":
                fields.Packet = ParsePacket(value);
                break;
            case "extra-data":
                fields.ExtraData = ParseExtraData(value);
                break;
            case "of":
                if (_context.String(value, key) is { } target)
                {
                    fields.Of = target;
                    _references.Add((value, target, TimelineReference.IntrusionOf, stepIndex));
                }

                break;
            case "description":
                fields.Description = _context.String(value, key);
                break;
            case "activity":
                fields.RecordType = _context.Name(value, key, "user activity", Names.UserActivities);
                break;
            case "initiator-bytes":
                fields.InitiatorBytes = (ulong?)_context.Integer(value, key, 0, long.MaxValue);
                break;
            case "responder-bytes":
                fields.ResponderBytes = (ulong?)_context.Integer(value, key, 0, long.MaxValue);
                break;
            case "initiator-packets":
                fields.InitiatorPackets = (ulong?)_context.Integer(value, key, 0, long.MaxValue);
                break;
            case "responder-packets":
                fields.ResponderPackets = (ulong?)_context.Integer(value, key, 0, long.MaxValue);
                break;
            case "action" when kind == EventKind.Connection:
                fields.RuleAction = _context.UInt16(value, key);
                break;
            case "action":
                fields.Action = (byte?)_context.IntegerOrName(value, key, 0, byte.MaxValue, Names.FileAction);
                break;
            case "access-rule":
                fields.AccessRuleId = ResolveAccessRule(value);
                break;
            case "url":
                fields.Url = _context.String(value, key);
                break;
            case "dns-query":
                fields.DnsQuery = _context.String(value, key);
                break;
            case "ssl-server-name":
                fields.SslServerName = _context.String(value, key);
                break;
            case "duration":
                fields.ConnectionDuration = _context.Duration(value, key, allowNegative: false);
                break;
            case "file-name":
                fields.FileName = _context.String(value, key);
                break;
            case "sha256":
                fields.Sha256 = _context.Hex(value, key, 32);
                break;
            case "size":
                fields.FileSize = (ulong?)_context.Integer(value, key, 0, kind == EventKind.Malware ? uint.MaxValue : long.MaxValue);
                break;
            case "disposition":
                fields.Disposition = (byte?)_context.IntegerOrName(value, key, 0, byte.MaxValue, Names.Disposition);
                break;
            case "direction":
                fields.Direction = (byte?)_context.IntegerOrName(value, key, 0, byte.MaxValue, Names.Direction);
                break;
            case "uri":
                fields.Uri = _context.String(value, key);
                break;
            case "signature" or "detection":
                fields.Signature = _context.String(value, key);
                break;
            case "malware":
                fields.IsMalware = _context.Boolean(value, key);
                break;
            case "file-path":
                fields.FilePath = _context.String(value, key);
                break;
            case "threat-score":
                fields.ThreatScore = (byte?)_context.Integer(value, key, 0, 100);
                break;
            case "type":
                fields.DiscoveryKind = _context.Name(value, key, "discovery type", Names.DiscoveryKinds);
                break;
            case "host-ip":
                fields.HostIp = _context.Ip(value, key);
                break;
            case "mac":
                fields.Mac = _context.Hex(value, key, 6);
                break;
            case "value":
                fields.Value = _context.UInt32(value, key);
                break;
            case "new-ip":
                fields.NewIp = _context.Ip(value, key);
                break;
            case "policy-id":
                fields.CorrelationPolicyId = _context.UInt32(value, key);
                break;
            case "correlation-rule":
                fields.CorrelationRuleId = _context.UInt32(value, key);
                break;
            default:
                // The key sets above and this switch are kept in step; reaching here is a bug, not bad input.
                throw new InvalidOperationException($"no parser for event key '{key}'");
        }
    }

    private RuleDefinition? ResolveRule(Mapping map)
    {
        var given = new[] { "rule", "sid", "rule-id" }.Where(map.Has).ToList();
        var gidNode = map.Get("gid");
        if (given.Count > 1)
        {
            _context.Error(map.KeyNode(given[1])!, $"give one of 'rule', 'sid' or 'rule-id', not both '{given[0]}' and '{given[1]}'");
            return null;
        }

        if (given.Count == 0)
        {
            if (gidNode is not null)
            {
                _context.Error(map.KeyNode("gid")!, "'gid' qualifies 'sid' or 'rule-id'; give one of them too");
            }

            return null;
        }

        var gid = gidNode is null ? null : _context.UInt32(gidNode, "gid", 1);
        var key = given[0];
        var node = map.Get(key)!;
        var rules = _metadata.Rules;
        if (key == "rule")
        {
            if (_context.String(node, key) is not { } name)
            {
                return null;
            }

            var byKey = rules.FirstOrDefault(r => r.Key == name);
            if (byKey is null)
            {
                var keys = rules.Where(r => r.Key is not null).Select(r => r.Key!).ToList();
                _context.Error(node, $"unknown rule '{name}'{Suggestions.Hint(name, keys)}; rules in metadata: {(keys.Count == 0 ? "none with a key" : string.Join(", ", keys))}");
            }

            return byKey;
        }

        if (_context.UInt32(node, key) is not { } number)
        {
            return null;
        }

        var bySid = key == "sid";
        var matches = rules.Where(r => (bySid ? r.RenderedSid : r.RuleId) == number && (gid is null || r.GeneratorId == gid)).ToList();
        var gidText = gid is null ? string.Empty : $" with gid {gid}";
        if (matches.Count == 0)
        {
            var known = string.Join(", ", rules.Select(r => bySid ? $"{r.GeneratorId}:{r.RenderedSid}" : $"{r.GeneratorId}:{r.RuleId}"));
            _context.Error(node, bySid
                ? $"no rule in metadata renders SID {number}{gidText}; rendered gid:SID pairs: {known}"
                : $"no rule in metadata has rule ID {number}{gidText}; gid:rule-id pairs: {known}");
            return null;
        }

        if (matches.Count > 1)
        {
            _context.Error(node, $"{(bySid ? "SID" : "rule ID")} {number} matches rules of gids {string.Join(", ", matches.Select(r => r.GeneratorId))}; add 'gid'");
            return null;
        }

        return matches[0];
    }

    private UserDefinition? ResolveUser(YamlNode node)
    {
        if (_context.String(node, "user") is not { } text)
        {
            return null;
        }

        var user = _metadata.Users.FirstOrDefault(u => u.Name == text)
            ?? (uint.TryParse(text, out var id) ? _metadata.Users.FirstOrDefault(u => u.Id == id) : null);
        if (user is null)
        {
            var names = _metadata.Users.Select(u => u.Name).ToList();
            _context.Error(node, $"unknown user '{text}'{Suggestions.Hint(text, names)}; users in metadata: {string.Join(", ", names)}");
        }

        return user;
    }

    private PolicyDefinition? ResolvePolicy(YamlNode node, string key, IReadOnlyList<PolicyDefinition> policies)
    {
        if (_context.String(node, key) is not { } name)
        {
            return null;
        }

        var policy = policies.FirstOrDefault(p => p.Key == name);
        if (policy is null)
        {
            var keys = policies.Select(p => p.Key).ToList();
            _context.Error(node, $"unknown {key} '{name}'{Suggestions.Hint(name, keys)}; defined: {string.Join(", ", keys)}");
        }

        return policy;
    }

    private uint? ResolveAccessRule(YamlNode node)
    {
        if (_context.UInt32(node, "access-rule") is not { } id)
        {
            return null;
        }

        var known = _metadata.AccessPolicies.SelectMany(p => p.Rules).Select(r => r.Id).ToList();
        if (!known.Contains(id))
        {
            _context.Error(node, $"unknown access rule {id}; access rules in metadata: {string.Join(", ", known)}");
            return null;
        }

        return id;
    }

    private PacketSpec? ParsePacket(YamlNode node)
    {
        if (node is YamlScalarNode)
        {
            return _context.Boolean(node, "packet") == true ? new PacketSpec(null, null) : null;
        }

        var map = _context.Mapping(node, "'packet'", PacketKeys);
        if (map is null)
        {
            return null;
        }

        if (map.Has("hex") == map.Has("text"))
        {
            _context.Error(node, "'packet' takes 'hex' (bytes from the Ethernet header on) or 'text' (a payload behind generated headers), one of them");
            return null;
        }

        if (map.Get("hex") is { } hexNode)
        {
            return _context.Hex(hexNode, "hex", null) is { } bytes ? new PacketSpec(bytes, null) : null;
        }

        return _context.String(map.Get("text")!, "text") is { } text ? new PacketSpec(null, Encoding.UTF8.GetBytes(text)) : null;
    }

    private List<ExtraDataItem>? ParseExtraData(YamlNode node)
    {
        if (_context.Sequence(node, "extra-data") is not { } items)
        {
            return null;
        }

        var result = new List<ExtraDataItem>();
        foreach (var item in items)
        {
            var map = _context.Mapping(item, "extra-data item", ExtraDataKeys);
            if (map is null)
            {
                continue;
            }

            var typeNode = map.Require("type");
            var valueNode = map.Require("value");
            if (typeNode is null || valueNode is null || _context.String(typeNode, "type") is not { } typeName)
            {
                continue;
            }

            if (!Names.ExtraDataTypes.TryGetValue(typeName, out var type))
            {
                _context.Error(typeNode, $"unknown extra-data type '{typeName}'{Suggestions.Hint(typeName, Names.ExtraDataTypes.Keys)}; expected one of: {string.Join(", ", Names.ExtraDataTypes.Keys)}");
                continue;
            }

            if (type.Encoding is "IPv4" or "IPv6")
            {
                var family = type.Encoding == "IPv4" ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
                if (_context.Ip(valueNode, "value") is { } address)
                {
                    // The 16-byte type carries IPv4 clients too, as ::ffff:a.b.c.d: the form eNcore reads them from.
                    if (family == AddressFamily.InterNetworkV6 && address.AddressFamily == AddressFamily.InterNetwork)
                    {
                        address = address.MapToIPv6();
                    }

                    if (address.AddressFamily != family)
                    {
                        _context.Error(valueNode, $"'{typeName}' needs an {type.Encoding} address, got '{address}'");
                        continue;
                    }

                    result.Add(new ExtraDataItem(type.Id, address.GetAddressBytes()));
                }

                continue;
            }

            if (_context.String(valueNode, "value") is { } text)
            {
                result.Add(new ExtraDataItem(type.Id, Encoding.UTF8.GetBytes(text)));
            }
        }

        return result;
    }

    private void CheckDiscoveryValue(YamlNode node, DiscoveryKind kind, uint value)
    {
        var max = Generators.DiscoveryGenerator.MaxValue(kind);
        if (max is null)
        {
            _context.Error(node, $"'value' does not apply to a {Names.DiscoveryKinds.First(p => p.Value == kind).Key} discovery event");
        }
        else if (value > max)
        {
            _context.Error(node, $"'value' of a {Names.DiscoveryKinds.First(p => p.Value == kind).Key} discovery event must be at most {max}, got {value}");
        }
    }

    private void CheckReferences(IReadOnlyList<TimelineStep> steps, Dictionary<string, TimelineStep> ids)
    {
        foreach (var (node, target, kind, stepIndex) in _references)
        {
            if (!ids.TryGetValue(target, out var referenced))
            {
                _context.Error(node, $"unknown timeline id '{target}'{Suggestions.Hint(target, ids.Keys)}; ids defined: {(ids.Count == 0 ? "none" : string.Join(", ", ids.Keys))}");
                continue;
            }

            if (kind == TimelineReference.Resend && referenced.ResendOf is not null)
            {
                _context.Error(node, $"'{target}' is itself a resend; resend the original event '{referenced.ResendOf}'");
                continue;
            }

            if (kind == TimelineReference.IntrusionOf && referenced.Kind != EventKind.Intrusion)
            {
                _context.Error(node, $"'of' must name an intrusion event, and '{target}' is not one");
                continue;
            }

            if (kind == TimelineReference.Resend && stepIndex >= 0 && steps[stepIndex] is var resend
                && Transforms.TimelineClock.CompareAtLoad(steps, resend, referenced) is < 0)
            {
                _context.Error(resend.TimeLocation, $"impossible timestamp: this resend comes before the event '{target}' it repeats");
            }
        }
    }
}

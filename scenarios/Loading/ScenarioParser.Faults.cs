using EStreamer.Protocol.Records;
using EStreamer.Scenarios.Model;
using YamlDotNet.RepresentationModel;

namespace EStreamer.Scenarios.Loading;

internal sealed partial class ScenarioParser
{
    internal static readonly string[] TriggerKeys = ["kind", "at", "after-messages", "connection"];

    /// <summary>The parameters each kind takes, and which of them it cannot do without.</summary>
    private static readonly IReadOnlyDictionary<FaultKind, (string[] Allowed, string[] Required)> FaultParameters =
        new Dictionary<FaultKind, (string[], string[])>
        {
            [FaultKind.GracefulDisconnect] = ([], []),
            [FaultKind.TcpReset] = ([], []),
            [FaultKind.Stall] = (["duration"], ["duration"]),
            [FaultKind.KeepaliveGap] = (["duration"], ["duration"]),
            [FaultKind.ErrorMessage] = (["code", "text"], ["code"]),
            [FaultKind.WrongHeaderVersion] = ([], []),
            [FaultKind.UnknownRecordType] = (["record-type"], []),
            [FaultKind.TruncatedMessage] = ([], []),
            [FaultKind.SlowDrip] = (["bytes-per-second", "duration"], ["bytes-per-second"]),
            [FaultKind.RefuseConnections] = (["count"], ["count"]),
            [FaultKind.DisableService] = (["duration"], []),
        };

    internal static readonly string[] AllFaultKeys =
        [.. TriggerKeys, "duration", "code", "text", "bytes-per-second", "count", "record-type"];

    private IReadOnlyList<FaultSpec> ParseFaults(YamlNode node)
    {
        var faults = new List<FaultSpec>();
        if (_context.Sequence(node, "faults") is not { } items)
        {
            return faults;
        }

        foreach (var item in items)
        {
            if (ParseFault(item) is { } fault)
            {
                faults.Add(fault);
            }
        }

        return faults;
    }

    private FaultSpec? ParseFault(YamlNode node)
    {
        var map = _context.Mapping(node, "fault", AllFaultKeys);
        if (map is null || map.Require("kind") is not { } kindNode)
        {
            return null;
        }

        if (_context.Name(kindNode, "kind", "fault kind", Names.FaultKinds) is not { } kind)
        {
            return null;
        }

        var before = _context.Errors.Count;
        var kindName = Names.FaultKinds.First(p => p.Value == kind).Key;
        var (allowed, required) = FaultParameters[kind];
        foreach (var key in map.Keys.Where(k => !TriggerKeys.Contains(k) && !allowed.Contains(k)))
        {
            var takes = allowed.Length == 0 ? "takes no parameters" : $"takes {string.Join(", ", allowed.Select(a => $"'{a}'"))}";
            _context.Error(map.KeyNode(key)!, $"'{key}' does not apply to a {kindName} fault, which {takes}");
        }

        foreach (var key in required.Where(k => !map.Has(k)))
        {
            _context.Error(map.Node, $"a {kindName} fault needs '{key}' ({Explain(key)})");
        }

        var atNode = map.Get("at");
        var afterNode = map.Get("after-messages");
        TimeSpan? at = null;
        int? afterMessages = null;
        if (atNode is not null && afterNode is not null)
        {
            _context.Error(map.KeyNode("after-messages")!, "a fault fires 'at' a time or 'after-messages', not both");
        }
        else if (atNode is null && afterNode is null)
        {
            _context.Error(map.Node, $"a {kindName} fault needs a trigger: 'at' (time from the start) or 'after-messages' (messages sent in the session)");
        }
        else if (atNode is not null)
        {
            if (atNode is YamlScalarNode { Value: { } atText } && TimeSyntax.LooksLikeInstant(atText))
            {
                _context.Error(atNode, $"a fault's 'at' is a time from the start such as 30s, got '{atText}'");
            }
            else if (_context.Duration(atNode, "at", allowNegative: true) is { } offset)
            {
                if (offset < TimeSpan.Zero)
                {
                    _context.Error(atNode, $"impossible timestamp '{((YamlScalarNode)atNode).Value}': a fault cannot fire before the server starts");
                }
                else
                {
                    at = offset;
                }
            }
        }
        else
        {
            afterMessages = (int?)_context.Integer(afterNode!, "after-messages", 0, int.MaxValue);
        }

        var connection = map.Get("connection") is { } connectionNode ? (int?)_context.Integer(connectionNode, "connection", 1, int.MaxValue) : null;

        TimeSpan? duration = null;
        if (map.Get("duration") is { } durationNode && allowed.Contains("duration") && _context.Duration(durationNode, "duration", allowNegative: false) is { } span)
        {
            if (span <= TimeSpan.Zero)
            {
                _context.Error(durationNode, "'duration' must be longer than 0s");
            }

            duration = span;
        }

        var code = map.Get("code") is { } codeNode && allowed.Contains("code") ? (int?)_context.Integer(codeNode, "code", int.MinValue, int.MaxValue) : null;
        var text = kind == FaultKind.ErrorMessage ? string.Empty : null;
        if (map.Get("text") is { } textNode && allowed.Contains("text") && _context.String(textNode, "text") is { } message)
        {
            text = message;
        }

        var bytesPerSecond = map.Get("bytes-per-second") is { } bpsNode && allowed.Contains("bytes-per-second")
            ? (int?)_context.Integer(bpsNode, "bytes-per-second", 1, int.MaxValue)
            : null;
        var count = map.Get("count") is { } countNode && allowed.Contains("count") ? (int?)_context.Integer(countNode, "count", 1, int.MaxValue) : null;

        uint? recordType = kind == FaultKind.UnknownRecordType ? FaultSpec.DefaultUnknownRecordType : null;
        if (map.Get("record-type") is { } typeNode && allowed.Contains("record-type") && _context.UInt32(typeNode, "record-type") is { } type)
        {
            if (RecordCatalog.IsKnown((RecordType)type) || Enum.IsDefined((RecordType)type))
            {
                _context.Error(typeNode, $"record type {type} is one the protocol defines; an unknown-record-type fault needs one it does not, such as {FaultSpec.DefaultUnknownRecordType}");
            }

            recordType = type;
        }

        if (_context.Errors.Count != before)
        {
            return null;
        }

        return new FaultSpec
        {
            Kind = kind,
            At = at,
            AfterMessages = afterMessages,
            Connection = connection,
            Duration = duration,
            Code = code,
            Text = text,
            BytesPerSecond = bytesPerSecond,
            Count = count,
            RecordType = recordType,
        };
    }

    private static string Explain(string key) => key switch
    {
        "duration" => "how long it lasts, e.g. 30s",
        "code" => "the signed error code the Error message carries",
        "bytes-per-second" => "the write rate, at least 1",
        "count" => "how many connections to refuse, at least 1",
        _ => key,
    };
}

using System.Text.RegularExpressions;
using EStreamer.Protocol.Negotiation;
using EStreamer.Scenarios.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EStreamer.Scenarios.Loading;

/// <summary>
/// Reads one scenario document into the model. It walks YamlDotNet's representation model by hand rather
/// than deserializing into classes: that is what lets every error name the exact line and column, and lets
/// one pass report every problem instead of stopping at the first.
/// </summary>
internal sealed partial class ScenarioParser
{
    private const string DuplicateKeyPrefix = "Duplicate key ";

    internal static readonly string[] RootKeys = ["name", "description", "seed", "server", "metadata", "timeline", "traffic", "faults"];
    internal static readonly string[] ServerKeys = ["families", "keepalive", "bundle-max-events"];

    private readonly ParseContext _context;
    private ScenarioMetadata _metadata = new(
        DefaultMetadata.Devices,
        DefaultMetadata.Classifications,
        DefaultMetadata.Priorities,
        DefaultMetadata.IntrusionPolicies,
        DefaultMetadata.AccessPolicies(DefaultMetadata.Devices),
        DefaultMetadata.Rules,
        DefaultMetadata.Users);

    private ScenarioParser(string file)
    {
        _context = new ParseContext(file);
    }

    public static Scenario Parse(string yaml, string file)
    {
        var parser = new ScenarioParser(file);
        var scenario = parser.Run(yaml);
        if (parser._context.HasErrors || scenario is null)
        {
            throw new ScenarioException(parser._context.SortedErrors());
        }

        return scenario;
    }

    private Scenario? Run(string yaml)
    {
        var root = LoadDocument(yaml);
        if (root is null)
        {
            return null;
        }

        var map = _context.Mapping(root, "the scenario", RootKeys);
        if (map is null)
        {
            return null;
        }

        var name = map.Require("name") is { } nameNode ? _context.String(nameNode, "name") : null;
        if (name is { Length: 0 })
        {
            _context.Error(map.Get("name")!, "'name' must not be empty");
        }

        var description = map.Get("description") is { } descriptionNode && !ParseContext.IsNull(descriptionNode)
            ? _context.String(descriptionNode, "description")
            : null;
        var seed = map.Get("seed") is { } seedNode ? (int?)_context.Integer(seedNode, "seed", int.MinValue, int.MaxValue) : null;
        var server = map.Get("server") is { } serverNode ? ParseServer(serverNode) : ServerSettings.None;

        // Metadata first: timeline references resolve against it.
        if (map.Get("metadata") is { } metadataNode)
        {
            _metadata = ParseMetadata(metadataNode);
        }

        var timeline = map.Get("timeline") is { } timelineNode ? ParseTimeline(timelineNode) : [];
        var scenarioSeed = seed ?? Scenario.DefaultSeed;
        var traffic = map.Get("traffic") is { } trafficNode ? ParseTraffic(trafficNode) : [];
        var faults = map.Get("faults") is { } faultsNode ? ParseFaults(faultsNode) : [];

        if (_context.HasErrors)
        {
            return null;
        }

        return new Scenario(
            _context.File,
            name!,
            description ?? string.Empty,
            scenarioSeed,
            server ?? ServerSettings.None,
            faults,
            _metadata,
            timeline,
            traffic);
    }

    private YamlNode? LoadDocument(string yaml)
    {
        YamlStream stream;
        try
        {
            stream = YamlLimits.Load(yaml);
        }
        catch (YamlLimitException limit)
        {
            _context.Error(limit.Start, limit.Reason);
            return null;
        }
        catch (YamlException exception)
        {
            _context.Error(exception.Start, $"not valid YAML: {CleanYamlMessage(exception)}");
            return null;
        }

        if (stream.Documents.Count == 0 || ParseContext.IsNull(stream.Documents[0].RootNode))
        {
            _context.Error(new Mark(0, 1, 1), "the file holds no scenario; expected a mapping with at least 'name'");
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            _context.Error(stream.Documents[1].RootNode, "a scenario file holds one YAML document; remove the second '---'");
        }

        return stream.Documents[0].RootNode;
    }

    private ServerSettings? ParseServer(YamlNode node)
    {
        var map = _context.Mapping(node, "'server'", ServerKeys);
        if (map is null)
        {
            return null;
        }

        List<EventFamily>? families = null;
        if (map.Get("families") is { } familiesNode && _context.Sequence(familiesNode, "families") is { } items)
        {
            families = [];
            foreach (var item in items)
            {
                if (_context.Name(item, "families", "event family", Names.ServerFamilies) is { } family && !families.Contains(family))
                {
                    families.Add(family);
                }
            }
        }

        TimeSpan? keepalive = null;
        if (map.Get("keepalive") is { } keepaliveNode && _context.Duration(keepaliveNode, "keepalive", allowNegative: false) is { } interval)
        {
            if (interval <= TimeSpan.Zero)
            {
                _context.Error(keepaliveNode, "'keepalive' must be longer than 0s");
            }
            else
            {
                keepalive = interval;
            }
        }

        var bundle = map.Get("bundle-max-events") is { } bundleNode ? (int?)_context.Integer(bundleNode, "bundle-max-events", 1, int.MaxValue) : null;
        return new ServerSettings { EnabledFamilies = families, KeepaliveInterval = keepalive, BundleMaxEvents = bundle };
    }

    // YamlDotNet prefixes its messages with the marks we already report; keep only the sentence.
    private static string CleanYamlMessage(YamlException exception)
    {
        var message = LocationPrefix().Replace(exception.Message, string.Empty).Trim();
        if (message.StartsWith(DuplicateKeyPrefix, StringComparison.Ordinal))
        {
            return $"duplicate key '{message[DuplicateKeyPrefix.Length..]}'";
        }

        return message.Length == 0 ? "syntax error" : message;
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex LocationPrefix();
}

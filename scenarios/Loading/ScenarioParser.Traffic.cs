using EStreamer.Scenarios.Model;
using YamlDotNet.RepresentationModel;

namespace EStreamer.Scenarios.Loading;

internal sealed partial class ScenarioParser
{
    private const string Forever = "forever";

    internal static readonly string[] TrafficKeys = ["name", "families", "rate", "every", "count", "duration", "start", "seed", "duplicate-rate", "packets", "extra-data", "impact-alerts", "except-record-types"];

    /// <summary>The mix a block gets when it names no families: connection-heavy, like a real sensor.</summary>
    private static readonly IReadOnlyList<(EventKind, int)> DefaultMix =
    [
        (EventKind.Connection, 6),
        (EventKind.Intrusion, 3),
        (EventKind.File, 1),
        (EventKind.Malware, 1),
        (EventKind.UserLogin, 1),
        (EventKind.Discovery, 1),
        (EventKind.Correlation, 1),
        (EventKind.ImpactAlert, 1),
    ];

    private IReadOnlyList<TrafficBlock> ParseTraffic(YamlNode node)
    {
        var blocks = new List<TrafficBlock>();
        if (_context.Sequence(node, "traffic") is not { } items)
        {
            return blocks;
        }

        foreach (var item in items)
        {
            if (ParseBlock(item, blocks.Count) is { } block)
            {
                blocks.Add(block);
            }
        }

        return blocks;
    }

    private TrafficBlock? ParseBlock(YamlNode node, int index)
    {
        var map = _context.Mapping(node, "traffic block", TrafficKeys);
        if (map is null)
        {
            return null;
        }

        var before = _context.Errors.Count;
        var name = map.Get("name") is { } nameNode ? _context.String(nameNode, "name") : null;
        var mix = map.Get("families") is { } familiesNode ? ParseMix(familiesNode) : DefaultMix;

        decimal? rate = null;
        if (map.Get("every") is { } everyNode)
        {
            rate = ParseEvery(map, everyNode);
        }
        else if (map.Require("rate") is { } rateNode && _context.Number(rateNode, "rate") is { } rateValue)
        {
            if (rateValue <= 0)
            {
                _context.Error(rateNode, $"'rate' must be greater than 0 events per second, got {rateValue}");
            }
            else if (rateValue > MaxRate)
            {
                _context.Error(rateNode, $"'rate' must be at most {MaxRate} events per second (one per tick), got {rateValue}");
            }
            else
            {
                rate = rateValue;
            }
        }

        var countNode = map.Get("count");
        var durationNode = map.Get("duration");
        long? count = null;
        TimeSpan? duration = null;
        if (countNode is not null && durationNode is not null)
        {
            _context.Error(map.KeyNode("duration")!, "a traffic block takes 'count' or 'duration', not both");
        }
        else if (countNode is null && durationNode is null)
        {
            _context.Error(map.Node, "traffic block needs 'count' (events) or 'duration' (a time, or 'forever')");
        }
        else if (countNode is not null)
        {
            count = _context.Integer(countNode, "count", 1, long.MaxValue);
        }
        else if (durationNode is YamlScalarNode { Value: Forever })
        {
            duration = null;
        }
        else if (_context.Duration(durationNode!, "duration", allowNegative: false) is { } span)
        {
            if (span <= TimeSpan.Zero)
            {
                _context.Error(durationNode!, "'duration' must be longer than 0s (or 'forever')");
            }

            duration = span;
        }

        var start = map.Get("start") is { } startNode ? _context.Duration(startNode, "start", allowNegative: true) : TimeSpan.Zero;
        var seedNode = map.Get("seed");
        var seed = seedNode is null ? null : (int?)_context.Integer(seedNode, "seed", int.MinValue, int.MaxValue);

        double? duplicateRate = 0;
        if (map.Get("duplicate-rate") is { } duplicateNode && _context.Number(duplicateNode, "duplicate-rate") is { } duplicates)
        {
            if (duplicates is < 0 or >= 1)
            {
                _context.Error(duplicateNode, $"'duplicate-rate' must be a fraction from 0 up to (not including) 1, got {duplicates}");
                duplicateRate = null;
            }
            else
            {
                duplicateRate = (double)duplicates;
            }
        }

        var packets = map.Get("packets") is { } packetsNode ? _context.Boolean(packetsNode, "packets") : true;
        var extraData = map.Get("extra-data") is { } extraNode ? _context.Boolean(extraNode, "extra-data") : false;
        var impactAlerts = map.Get("impact-alerts") is { } impactNode ? _context.Boolean(impactNode, "impact-alerts") : false;
        var except = new HashSet<EStreamer.Protocol.Records.RecordType>();
        if (map.Get("except-record-types") is { } exceptNode && _context.Sequence(exceptNode, "except-record-types") is { } exceptItems)
        {
            foreach (var item in exceptItems)
            {
                if (ParseRecordType(item) is { } type)
                {
                    except.Add(type);
                }
            }
        }

        if (_context.Errors.Count != before || mix is null || rate is null || start is null || (seedNode is not null && seed is null) || duplicateRate is null || packets is null || extraData is null || impactAlerts is null)
        {
            return null;
        }

        return new TrafficBlock(
            index,
            _context.Locate(node),
            name ?? $"traffic block {index + 1}",
            mix,
            rate.Value,
            count,
            duration,
            start.Value,
            seed,
            duplicateRate.Value,
            packets.Value,
            extraData.Value,
            impactAlerts.Value) { ExceptRecordTypes = except };
    }

    /// <summary>'every: 30s' is a rate of one event per interval, for blocks that read better as a spacing.</summary>
    private decimal? ParseEvery(Mapping map, YamlNode everyNode)
    {
        if (map.Get("rate") is not null)
        {
            _context.Error(map.KeyNode("every")!, "a traffic block takes 'rate' or 'every', not both");
            return null;
        }

        if (_context.Duration(everyNode, "every", allowNegative: false) is not { } interval)
        {
            return null;
        }

        if (interval <= TimeSpan.Zero)
        {
            _context.Error(everyNode, "'every' must be longer than 0s");
            return null;
        }

        return TimeSpan.TicksPerSecond / (decimal)interval.Ticks;
    }

    /// <summary>Ten million events per second is one per 100 ns tick, the finest offset a TimeSpan holds.</summary>
    private const decimal MaxRate = 10_000_000;

    private IReadOnlyList<(EventKind, int)>? ParseMix(YamlNode node)
    {
        var mix = new List<(EventKind, int)>();
        var before = _context.Errors.Count;
        if (node is YamlSequenceNode sequence)
        {
            foreach (var item in sequence.Children)
            {
                if (_context.Name(item, "families", "event family", Names.EventKinds) is { } kind)
                {
                    mix.Add((kind, 1));
                }
            }
        }
        else if (node is YamlMappingNode)
        {
            var map = _context.Mapping(node, "'families'", Names.EventKinds.Keys.ToArray());
            foreach (var key in map?.Keys ?? [])
            {
                if (_context.Integer(map!.Get(key)!, key, 0, 1_000_000) is { } weight && weight > 0)
                {
                    mix.Add((Names.EventKinds[key], (int)weight));
                }
            }
        }
        else
        {
            _context.Error(node, $"'families' must be a list of families or a mapping of family to weight, got {ParseContext.Describe(node)}");
            return null;
        }

        if (_context.Errors.Count != before)
        {
            return null;
        }

        if (mix.Count == 0)
        {
            _context.Error(node, "'families' needs at least one family with a weight above 0");
            return null;
        }

        return mix;
    }
}

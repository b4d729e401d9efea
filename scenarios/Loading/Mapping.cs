using YamlDotNet.RepresentationModel;

namespace EStreamer.Scenarios.Loading;

/// <summary>
/// A YAML mapping whose keys were checked against the keys its section allows. Unknown and non-scalar keys
/// were reported when it was opened; lookups see only the allowed ones.
/// </summary>
internal sealed class Mapping
{
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries;
    private readonly ParseContext _context;

    public Mapping(ParseContext context, YamlMappingNode node, string what, Dictionary<string, (YamlScalarNode Key, YamlNode Value)> entries)
    {
        _context = context;
        Node = node;
        What = what;
        _entries = entries;
    }

    public YamlMappingNode Node { get; }

    /// <summary>What the mapping is, for messages ("traffic block", "stall fault").</summary>
    public string What { get; }

    public IEnumerable<string> Keys => _entries.Keys;

    public bool Has(string key) => _entries.ContainsKey(key);

    public YamlNode? Get(string key) => _entries.TryGetValue(key, out var entry) ? entry.Value : null;

    public YamlScalarNode? KeyNode(string key) => _entries.TryGetValue(key, out var entry) ? entry.Key : null;

    /// <summary>The value of a key that must be present; a missing key is reported at the mapping's start.</summary>
    public YamlNode? Require(string key)
    {
        var value = Get(key);
        if (value is null)
        {
            _context.Error(Node, $"{What} is missing required key '{key}'");
        }

        return value;
    }
}

using System.Net;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Intrusion;
using EStreamer.Scenarios.Model;

namespace EStreamer.Scenarios.Generators;

/// <summary>
/// What the generators of one source (the timeline, or one traffic block) share within a plan enumeration:
/// the scenario's metadata records, the host pool, the event ID allocator, the traffic block's companion
/// options (packets, extra data, impact alerts), the last intrusion event (which generated impact alerts and correlation events refer to),
/// and the metadata lists its events hold, each distinct list once.
/// </summary>
internal sealed class GeneratorContext
{
    /// <summary>Bogus's "now" for anything date-based (host names, vocabulary): fixed, so no generated value depends on the clock.</summary>
    public static readonly DateTime DateReference = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly Dictionary<IPAddress, byte[]> _moved = [];
    private readonly HashSet<IReadOnlyList<IRecord>> _metadataLists = new(MetadataList.SameRecords);
    private readonly Dictionary<uint, IReadOnlyList<IRecord>> _deviceLists = [];
    private readonly Dictionary<string, string[]> _fileNames = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Scheme, string Host, string Path), string> _urls = [];
    private readonly Dictionary<string, byte[]> _utf8 = new(StringComparer.Ordinal);
    private readonly HashSet<string> _texts = new(StringComparer.Ordinal);
    private readonly MetadataList _metadata;
    private readonly Dictionary<uint, PolicyDefinition?> _accessPolicies = [];
    private readonly Dictionary<(uint GeneratorId, uint RuleId), RuleDefinition?> _rules = [];

    public GeneratorContext(ScenarioWorld world, HostPool hosts, Vocabulary words, EventIdAllocator ids, bool packets, bool extraData, bool impactAlerts)
    {
        World = world;
        Hosts = hosts;
        Words = words;
        _metadata = new MetadataList(this);
        Ids = ids;
        Packets = packets;
        ExtraData = extraData;
        ImpactAlerts = impactAlerts;
        DeviceIds = world.Metadata.Devices.Select(d => d.Id).ToArray();
        Users = world.Metadata.Users.ToArray();
    }

    public ScenarioWorld World { get; }

    public HostPool Hosts { get; }

    public Vocabulary Words { get; }

    public EventIdAllocator Ids { get; }

    public bool Packets { get; }

    public bool ExtraData { get; }

    /// <summary>Each generated intrusion event is followed by the impact alert (record 9) about it, as a sensor that flags impact sends.</summary>
    public bool ImpactAlerts { get; }

    public uint[] DeviceIds { get; }

    /// <summary>The scenario's users as an array, to pick from without a copy per event.</summary>
    public UserDefinition[] Users { get; }

    public IntrusionEventRecord? LastIntrusion { get; set; }

    /// <summary>
    /// The primary MAC of the host at <paramref name="address"/>, the same in every record: a host that moved
    /// (record 29) keeps its MAC at the new address, a pool host has its own, any other address a derived one.
    /// </summary>
    public byte[] MacOf(IPAddress address)
    {
        var plain = NetworkFacts.Plain(address);
        return _moved.GetValueOrDefault(plain) ?? Hosts.Find(plain)?.Mac ?? NetworkFacts.DerivedMac(plain, "mac");
    }

    /// <summary>The second MAC a host shows (record 28): one per host, derived from its primary MAC.</summary>
    public byte[] AdditionalMacOf(IPAddress address) =>
        NetworkFacts.DerivedMac(new IPAddress(MacOf(address).AsSpan(2)), "additional-mac");

    /// <summary>Records that the host at <paramref name="from"/> now has the address <paramref name="to"/> (record 29).</summary>
    public void Moved(IPAddress from, IPAddress to) => _moved[NetworkFacts.Plain(to)] = MacOf(from);

    /// <summary>The metadata of the next record, empty: one builder serves every event of the source.</summary>
    public MetadataList Metadata() => _metadata.Clear();

    /// <summary>File names with the extension <paramref name="extension"/>, made once per extension.</summary>
    public string[] FileNames(string extension)
    {
        if (!_fileNames.TryGetValue(extension, out var names))
        {
            names = Words.FileStems.Select(stem => $"{stem}.{extension}").ToArray();
            _fileNames[extension] = names;
        }

        return names;
    }

    /// <summary>The URL of <paramref name="path"/> on <paramref name="host"/>: one string per distinct URL, shared by the events that visit it.</summary>
    public string Url(string scheme, string host, string path)
    {
        if (!_urls.TryGetValue((scheme, host, path), out var url))
        {
            url = $"{scheme}://{host}{path}";
            _urls[(scheme, host, path)] = url;
        }

        return url;
    }

    /// <summary>
    /// One instance of each text that many events repeat (descriptions made of a rule and a label, URLs made of
    /// pooled parts): the events hold the first instance, and the copy made for the lookup dies young.
    /// </summary>
    public string SharedText(string text)
    {
        if (_texts.TryGetValue(text, out var shared))
        {
            return shared;
        }

        _texts.Add(text);
        return text;
    }

    /// <summary>The UTF-8 bytes of <paramref name="text"/>, one array per distinct text (the arrays are never written to).</summary>
    public byte[] Utf8(string text)
    {
        if (!_utf8.TryGetValue(text, out var bytes))
        {
            bytes = System.Text.Encoding.UTF8.GetBytes(text);
            _utf8[text] = bytes;
        }

        return bytes;
    }

    /// <summary>
    /// The one held list with the records of <paramref name="metadata"/>: a million events refer to a few hundred
    /// distinct lists, so each is kept once rather than once per event.
    /// </summary>
    public IReadOnlyList<IRecord> Shared(MetadataList metadata)
    {
        if (_metadataLists.TryGetValue(metadata.Records, out var shared))
        {
            return shared;
        }

        var list = metadata.Records.ToArray();
        _metadataLists.Add(list);
        return list;
    }

    /// <summary>The metadata list of a record that refers to its device alone.</summary>
    public IReadOnlyList<IRecord> DeviceOnly(uint device)
    {
        if (!_deviceLists.TryGetValue(device, out var list))
        {
            list = [World.Device(device)];
            _deviceLists[device] = list;
        }

        return list;
    }

    public PolicyDefinition? AccessPolicyFor(uint device)
    {
        if (!_accessPolicies.TryGetValue(device, out var policy))
        {
            policy = FindAccessPolicy(World.Metadata, device);
            _accessPolicies[device] = policy;
        }

        return policy;
    }

    /// <summary>The scenario's rule with generator ID <paramref name="generatorId"/> and rule ID <paramref name="ruleId"/>, or null.</summary>
    public RuleDefinition? RuleOf(uint generatorId, uint ruleId)
    {
        if (!_rules.TryGetValue((generatorId, ruleId), out var rule))
        {
            rule = FindRule(World.Metadata, generatorId, ruleId);
            _rules[(generatorId, ruleId)] = rule;
        }

        return rule;
    }

    // Searches kept out of the cached lookups above, so that a hit allocates nothing (a lambda's captures are made on entry).
    private static PolicyDefinition? FindAccessPolicy(ScenarioMetadata metadata, uint device) =>
        metadata.AccessPolicies.FirstOrDefault(p => p.Devices.Contains(device));

    private static RuleDefinition? FindRule(ScenarioMetadata metadata, uint generatorId, uint ruleId) =>
        metadata.Rules.FirstOrDefault(r => r.GeneratorId == generatorId && r.RuleId == ruleId);
}

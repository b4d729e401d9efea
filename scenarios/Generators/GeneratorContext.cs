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
    public string[] FileNames(string extension) =>
        Cached(_fileNames, extension, static (context, extension) => context.Words.FileStems.Select(stem => $"{stem}.{extension}").ToArray());

    /// <summary>The URL of <paramref name="path"/> on <paramref name="host"/>: one string per distinct URL, shared by the events that visit it.</summary>
    public string Url(string scheme, string host, string path) =>
        Cached(_urls, (scheme, host, path), static (GeneratorContext _, (string Scheme, string Host, string Path) url) => $"{url.Scheme}://{url.Host}{url.Path}");

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
    public byte[] Utf8(string text) => Cached(_utf8, text, static (_, text) => System.Text.Encoding.UTF8.GetBytes(text));

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
    public IReadOnlyList<IRecord> DeviceOnly(uint device) =>
        Cached(_deviceLists, device, static (context, device) => (IReadOnlyList<IRecord>)[context.World.Device(device)]);

    public PolicyDefinition? AccessPolicyFor(uint device) =>
        Cached(_accessPolicies, device, static (context, device) => context.World.Metadata.AccessPolicies.FirstOrDefault(p => p.Devices.Contains(device)));

    /// <summary>The scenario's rule with generator ID <paramref name="generatorId"/> and rule ID <paramref name="ruleId"/>, or null.</summary>
    public RuleDefinition? RuleOf(uint generatorId, uint ruleId) =>
        Cached(_rules, (generatorId, ruleId), static (GeneratorContext context, (uint GeneratorId, uint RuleId) key) => context.World.Metadata.Rules.FirstOrDefault(r => r.GeneratorId == key.GeneratorId && r.RuleId == key.RuleId));

    /// <summary>
    /// The value cached for <paramref name="key"/>, made by <paramref name="make"/> the first time. A hit allocates
    /// nothing: <paramref name="make"/> is a static lambda given this context, so any closure inside it is made on a miss only.
    /// </summary>
    private TValue Cached<TKey, TValue>(Dictionary<TKey, TValue> cache, TKey key, Func<GeneratorContext, TKey, TValue> make)
        where TKey : notnull
    {
        if (!cache.TryGetValue(key, out var value))
        {
            value = make(this, key);
            cache[key] = value;
        }

        return value;
    }
}

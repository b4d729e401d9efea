using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Users;

namespace EStreamer.Protocol.Negotiation;

/// <summary>
/// The outcome of a client's request against the server's configuration: per family the layout that
/// will be streamed, the client profile, and a note for every downgrade or refusal (reference 5.6).
/// </summary>
public sealed class StreamNegotiation
{
    // Records whose layout follows the client generation rather than a version (reference 5.6.9).
    private static readonly Dictionary<(ClientProfile, RecordType), uint> ProfileBlocks = new()
    {
        [(ClientProfile.Encore38, RecordType.UserDropped)] = 120,
        [(ClientProfile.Encore38, RecordType.UserRemoved)] = 167,
        [(ClientProfile.Encore38, RecordType.NewUserIdentity)] = 167,
        [(ClientProfile.Encore38, RecordType.User)] = UserRecord.NoBlockHeader,
        [(ClientProfile.Encore52, RecordType.UserDropped)] = 158,
        [(ClientProfile.Encore52, RecordType.UserRemoved)] = 158,
        [(ClientProfile.Encore52, RecordType.NewUserIdentity)] = 158,
        [(ClientProfile.Encore52, RecordType.User)] = UserRecord.Block57,

        // Flag-only user activity is always the legacy version 1 (bit 21), shaped by LegacyForms: only 98 here.
        [(ClientProfile.FlagOnly, RecordType.User)] = UserRecord.NameLengthForm,
    };

    private readonly Dictionary<EventFamily, FamilyLayout> _streamed;
    private readonly List<string> _notes;

    private StreamNegotiation(ClientProfile profile, Dictionary<EventFamily, FamilyLayout> streamed, List<string> notes)
    {
        Profile = profile;
        _streamed = streamed;
        _notes = notes;
    }

    public ClientProfile Profile { get; }

    public IReadOnlyDictionary<EventFamily, FamilyLayout> Streamed => _streamed;

    /// <summary>Human-readable lines: downgrades, families refused by the server or not implemented.</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <param name="requested">Highest versions the client asked for.</param>
    /// <param name="profile">A fixed profile, or <see cref="ClientProfile.Auto"/> to detect it.</param>
    /// <param name="sentStreamingRequest">Whether the client sent a 2049 (drives profile detection).</param>
    /// <param name="serverEnabled">The server-side switch per family (reference 1.6).</param>
    public static StreamNegotiation Negotiate(
        RequestedVersions requested,
        ClientProfile profile,
        bool sentStreamingRequest,
        Func<EventFamily, bool> serverEnabled)
    {
        var resolvedProfile = profile == ClientProfile.Auto ? ClientProfiles.Detect(requested, sentStreamingRequest) : profile;
        var streamed = new Dictionary<EventFamily, FamilyLayout>();
        var notes = new List<string>();
        foreach (var (family, version) in requested.Versions.OrderBy(kv => kv.Key))
        {
            if (!serverEnabled(family))
            {
                notes.Add($"{family} v{version} requested but switched off on the server: not sent");
                continue;
            }

            var layout = LayoutTable.Resolve(family, version);
            if (layout is null)
            {
                var implemented = string.Join(", ", LayoutTable.ImplementedVersions(family));
                notes.Add($"{family} v{version} requested but no implemented version is at or below it (implemented: {implemented}): not sent");
                continue;
            }

            if (layout.Version < version)
            {
                notes.Add($"{family} v{version} requested: downgraded to v{layout.Version}");
            }
            else if (layout.Version > version)
            {
                notes.Add($"{family} v{version} requested: no public layout for this version; the nearest documented one, v{layout.Version}, stands in");
            }

            streamed[family] = layout;
        }

        // Packets and extra data belong to intrusion events; without those there is nothing to attach them to.
        foreach (var dependent in new[] { EventFamily.PacketData, EventFamily.ExtraData })
        {
            if (streamed.ContainsKey(dependent) && !streamed.ContainsKey(EventFamily.Intrusion))
            {
                streamed.Remove(dependent);
                notes.Add($"{dependent} requested without a streamed intrusion family: not sent");
            }
        }

        foreach (var entry in requested.UnknownEntries)
        {
            notes.Add($"unknown event code {entry.Code} v{entry.Version} requested: ignored");
        }

        return new StreamNegotiation(resolvedProfile, streamed, notes);
    }

    public bool Streams(EventFamily family) => _streamed.ContainsKey(family);

    /// <summary>
    /// Whether a stored record of this type goes to the client: its family is streamed and, for a legacy
    /// layout, the type existed in that version (no VPN logins for user activity version 1, for example).
    /// </summary>
    public bool Streams(RecordType recordType) =>
        _streamed.TryGetValue(RecordFamilies.FamilyOf(recordType), out var layout)
        && LegacyForms.Expresses(layout.Legacy, recordType);

    /// <summary>The version negotiated for a family, if it is streamed.</summary>
    public ushort? VersionOf(EventFamily family) => _streamed.TryGetValue(family, out var layout) ? layout.Version : null;

    /// <summary>
    /// Gives a stored record the form of the negotiated layout: a legacy layout's record type and block
    /// (<see cref="LegacyForm"/>), else the negotiated block type (reference 5.6 step 5) and the client
    /// profile's form.
    /// </summary>
    public IRecord Shape(IRecord record)
    {
        var shaped = ShapeForWriting(record, out var blockType);
        return blockType is { } block ? ((IVersionedRecord)shaped).WithBlockType(block) : shaped;
    }

    /// <summary>
    /// <see cref="Shape"/> without the copy of a versioned record into another block type: the record to write
    /// and, when it is to be written in a block type other than its own, that block type
    /// (<see cref="IVersionedRecord.WriteBody(Framing.WireWriter, uint)"/>); null when the record writes itself as
    /// it is. Only a legacy layout, whose record type differs, still makes a new record.
    /// </summary>
    public IRecord ShapeForWriting(IRecord record, out uint? blockType)
    {
        blockType = null;
        if (_streamed.TryGetValue(RecordFamilies.FamilyOf(record.RecordType), out var layout) && layout.Legacy != LegacyForm.None)
        {
            return LegacyForms.Convert(record, layout);
        }

        if (record is IVersionedRecord versioned && WantedBlock(record.RecordType, layout) is { } wanted)
        {
            blockType = wanted == versioned.BlockType ? null : wanted;
        }

        return record;
    }

    /// <summary>
    /// True when a record of <paramref name="recordType"/> goes to this client exactly as it writes itself
    /// (<see cref="IRecord.WriteBody"/>): <see cref="ShapeForWriting"/> would give no legacy form and no other
    /// block type. <paramref name="ownBlockType"/> is the record's own block type, null for a record that is not versioned.
    /// </summary>
    public bool WritesAsIs(RecordType recordType, uint? ownBlockType)
    {
        _streamed.TryGetValue(RecordFamilies.FamilyOf(recordType), out var layout);
        if (layout is not null && layout.Legacy != LegacyForm.None)
        {
            return false;
        }

        return ownBlockType is not { } own || WantedBlock(recordType, layout) is not { } wanted || wanted == own;
    }

    /// <summary>The block type a versioned record of <paramref name="recordType"/> is written in: the client profile's, else the layout's; null for its own.</summary>
    private uint? WantedBlock(RecordType recordType, FamilyLayout? layout) =>
        ProfileBlocks.TryGetValue((Profile, recordType), out var wanted)
        || (layout is not null && layout.BlockTypes.TryGetValue(recordType, out wanted))
            ? wanted
            : null;
}

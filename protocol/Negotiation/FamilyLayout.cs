using EStreamer.Protocol.Records;

namespace EStreamer.Protocol.Negotiation;

/// <summary>
/// One implemented version of a family and the block type each of its versioned records carries. For a
/// legacy version, <see cref="BlockTypes"/> is keyed by the legacy record type sent, and <see cref="Legacy"/>
/// names the rewrite from the stored (newest) form.
/// </summary>
public sealed record FamilyLayout(EventFamily Family, ushort Version, IReadOnlyDictionary<RecordType, uint> BlockTypes)
{
    public LegacyForm Legacy { get; init; } = LegacyForm.None;
}

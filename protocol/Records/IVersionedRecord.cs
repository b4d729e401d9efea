namespace EStreamer.Protocol.Records;

/// <summary>
/// A record whose layout changed across versions. The block type written on the wire names the layout
/// (reference 5.6), so the server picks it from the negotiated version before encoding.
/// </summary>
public interface IVersionedRecord : IRecord
{
    /// <summary>The block type this instance is encoded with.</summary>
    uint BlockType { get; }

    /// <summary>The block types this record can be encoded with.</summary>
    IReadOnlyList<uint> SupportedBlockTypes { get; }

    /// <summary>A copy encoded with another layout; fields the layout lacks are simply not written.</summary>
    IVersionedRecord WithBlockType(uint blockType);

    /// <summary>
    /// Writes the body in the layout of <paramref name="blockType"/>: the bytes <c>WithBlockType(blockType)</c>
    /// would write, without the copy (a session streaming an older layout would otherwise copy every record).
    /// </summary>
    void WriteBody(Framing.WireWriter writer, uint blockType);
}

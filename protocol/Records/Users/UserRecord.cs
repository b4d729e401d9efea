using System.Buffers.Binary;
using EStreamer.Protocol.Framing;

namespace EStreamer.Protocol.Records.Users;

/// <summary>
/// User metadata, record 98: the user ID events carry, the identity protocol and the user name. The two
/// eNcore generations expect different forms and the request version does not tell them apart
/// (reference 5.6.9), so <see cref="BlockType"/> chooses:
/// <list type="bullet">
/// <item><see cref="Block57"/> (eNcore 5.2, reference 11.20): series-2 block 57 holding user ID, protocol
/// and a string block; 24 bytes with an empty name.</item>
/// <item><see cref="NoBlockHeader"/> (eNcore 3.8, reference 11.8): no block header, just uint32 user ID,
/// uint32 protocol and a string block whose text is the name followed by one NUL byte, because eNcore 3.8
/// trims the name's last character otherwise; 17 bytes with an empty name.</item>
/// <item><see cref="NameLengthForm"/> (the guide's User record, FireSIGHT eStreamer Integration Guide table
/// 4-14, and the legacy Perl SDK's template): uint32 user ID, uint32 protocol, uint32 name length, then the
/// name; no block header and no string block; 12 bytes with an empty name. Sent to flag-only clients.</item>
/// </list>
/// </summary>
public sealed record UserRecord : IVersionedRecord
{
    /// <summary>The eNcore 5.2 form: series-2 block 57 (reference 11.20).</summary>
    public const uint Block57 = 57;

    /// <summary>
    /// Pseudo block type for the eNcore 3.8 form (reference 11.8), which has no block header at all.
    /// Zero is free for this use: it is the string block's number, never a record-level block.
    /// </summary>
    public const uint NoBlockHeader = 0;

    /// <summary>
    /// Pseudo block type for the guide's form (no block header, a plain name length). No record-level
    /// block has this number, so it cannot be mistaken for one.
    /// </summary>
    public const uint NameLengthForm = uint.MaxValue;

    private static readonly uint[] Blocks = [Block57, NoBlockHeader, NameLengthForm];

    public RecordType RecordType => RecordType.User;

    public uint BlockType { get; init; } = Block57;

    public IReadOnlyList<uint> SupportedBlockTypes => Blocks;

    /// <summary>The key the user-ID fields of events refer to.</summary>
    public uint UserId { get; init; }

    /// <summary>Identity protocol (e.g. 710 for LDAP).</summary>
    public uint Protocol { get; init; }

    /// <summary>The name without the NUL the 3.8 form appends.</summary>
    public string UserName { get; init; } = string.Empty;

    public IVersionedRecord WithBlockType(uint blockType)
    {
        RequireSupported(blockType);
        return this with { BlockType = blockType };
    }

    public void WriteBody(WireWriter writer) => WriteBody(writer, BlockType);

    /// <inheritdoc/>
    public void WriteBody(WireWriter writer, uint blockType)
    {
        RequireSupported(blockType);
        if (blockType == NameLengthForm)
        {
            writer.WriteUInt32(UserId);
            writer.WriteUInt32(Protocol);
            writer.WriteString32(UserName);
            return;
        }

        if (blockType == NoBlockHeader)
        {
            writer.WriteUInt32(UserId);
            writer.WriteUInt32(Protocol);
            var name = writer.BeginBlock(BlockTypes.String);
            writer.WriteUtf8(UserName);
            writer.WriteUInt8(0);
            writer.EndBlock(name);
            return;
        }

        var block = writer.BeginBlock(Block57);
        writer.WriteUInt32(UserId);
        writer.WriteUInt32(Protocol);
        writer.WriteStringBlock(UserName);
        writer.EndBlock(block);
    }

    /// <summary>
    /// The record header says nothing about the form, so the body decides, in this order:
    /// <list type="number">
    /// <item>Block 57 when the first word is 57, the second equals the body length, and the string block
    /// that block 57 puts at offset 16 is there (type 0, length reaching exactly the end).</item>
    /// <item>The 3.8 form when a string block at offset 8 reaches exactly the end (type 0 at 8, length
    /// = body length − 8 at 12).</item>
    /// <item>The guide's form when the word at offset 8 is the length of the rest (body length − 12).</item>
    /// <item>None of the shapes fits, so the body is malformed; the checks below only pick the clearer error.
    /// A first word of 57 is read as block 57; a second word equal to the body length is an unknown block
    /// type; anything else is read as the 3.8 form.</item>
    /// </list>
    /// Steps 1 and 2 both hold only for a body that, read as the 3.8 form, has user ID 57, protocol equal
    /// to its own length and a name starting with four NUL bytes (3.8 offsets 16–23 are name text); no
    /// real name does, so step 1 wins that tie. User ID 57 with such a protocol alone stays 3.8.
    /// </summary>
    internal static IRecord Read(RecordType recordType, ref WireReader reader)
    {
        // Peek on a copy: the reader is a struct, so the caller's position does not move.
        var probe = reader;
        var body = probe.ReadBytes(probe.Remaining, "user record");
        if (HasShapeOfBlock57(body))
        {
            return ReadBlock57(ref reader);
        }

        if (HasShapeOfNoBlockHeader(body))
        {
            return ReadNoBlockHeader(ref reader);
        }

        if (HasShapeOfNameLengthForm(body))
        {
            return ReadNameLengthForm(ref reader);
        }

        if (body.Length >= 8 && BinaryPrimitives.ReadUInt32BigEndian(body) == Block57)
        {
            return ReadBlock57(ref reader);
        }

        if (body.Length >= 8 && BinaryPrimitives.ReadUInt32BigEndian(body[4..]) == (uint)body.Length)
        {
            var blockType = BinaryPrimitives.ReadUInt32BigEndian(body);
            throw new ProtocolException(
                "user block type",
                reader.Offset,
                $"block type {blockType} is not 57, and the body is not the headerless eNcore 3.8 form either");
        }

        return ReadNoBlockHeader(ref reader);
    }

    private static bool HasShapeOfBlock57(ReadOnlySpan<byte> body)
    {
        // 24 = block header, user ID, protocol and an empty string block (reference 11.20).
        return body.Length >= 24
            && BinaryPrimitives.ReadUInt32BigEndian(body) == Block57
            && BinaryPrimitives.ReadUInt32BigEndian(body[4..]) == (uint)body.Length
            && BinaryPrimitives.ReadUInt32BigEndian(body[16..]) == BlockTypes.String
            && BinaryPrimitives.ReadUInt32BigEndian(body[20..]) == (uint)(body.Length - 16);
    }

    private static bool HasShapeOfNoBlockHeader(ReadOnlySpan<byte> body)
    {
        // 17 = user ID, protocol and a string block holding only the NUL (reference 11.8).
        return body.Length >= 17
            && BinaryPrimitives.ReadUInt32BigEndian(body[8..]) == BlockTypes.String
            && BinaryPrimitives.ReadUInt32BigEndian(body[12..]) == (uint)(body.Length - 8);
    }

    // 12 = user ID, protocol and a name length of 0. A 3.8 body never fits: its word at 8 is the string
    // block type 0 and its body is at least 17 bytes, so "length of the rest" would be at least 5.
    private static bool HasShapeOfNameLengthForm(ReadOnlySpan<byte> body) =>
        body.Length >= 12 && BinaryPrimitives.ReadUInt32BigEndian(body[8..]) == (uint)(body.Length - 12);

    private static UserRecord ReadNameLengthForm(ref WireReader reader)
    {
        var userId = reader.ReadUInt32("user ID");
        var protocol = reader.ReadUInt32("protocol");
        var length = reader.ReadUInt32("user name length");
        return new UserRecord
        {
            BlockType = NameLengthForm,
            UserId = userId,
            Protocol = protocol,
            UserName = reader.ReadUtf8((int)length, "user name"),
        };
    }

    private static UserRecord ReadBlock57(ref WireReader reader)
    {
        var block = reader.ReadBlock("user block", Block57);
        var record = new UserRecord
        {
            BlockType = Block57,
            UserId = block.ReadUInt32("user ID"),
            Protocol = block.ReadUInt32("protocol"),
            UserName = block.ReadStringBlock("user name"),
        };
        block.ExpectEnd("user block");
        return record;
    }

    private static UserRecord ReadNoBlockHeader(ref WireReader reader)
    {
        var userId = reader.ReadUInt32("user ID");
        var protocol = reader.ReadUInt32("protocol");
        var at = reader.Offset;
        var name = reader.ReadBlock("user name", BlockTypes.String);

        // Exactly one NUL is the terminator (reference 11.8); any earlier NULs belong to the name.
        var text = name.ReadBytes(name.Remaining, "user name");
        if (text.IsEmpty || text[^1] != 0)
        {
            throw new ProtocolException("user name", at, "the eNcore 3.8 form of record 98 ends its name with a NUL byte, and this one does not");
        }

        var nameReader = new WireReader(text[..^1], at + 8);
        return new UserRecord
        {
            BlockType = NoBlockHeader,
            UserId = userId,
            Protocol = protocol,
            UserName = nameReader.ReadUtf8(nameReader.Remaining, "user name"),
        };
    }

    private static void RequireSupported(uint blockType)
    {
        if (Array.IndexOf(Blocks, blockType) < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(blockType), blockType, "record 98 is written with block 57, with no block header (0) or in the guide's name-length form");
        }
    }
}

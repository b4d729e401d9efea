using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;

namespace EStreamer.Protocol.Framing;

/// <summary>
/// Big-endian reader over a span. Every read names its field, so that running out of bytes or meeting
/// an impossible length raises a <see cref="ProtocolException"/> with that field and its offset.
/// Offsets are reported from <c>baseOffset</c>, the position of this span inside the whole message.
/// </summary>
public ref struct WireReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;
    private readonly int _baseOffset;
    private int _position;

    public WireReader(ReadOnlySpan<byte> data, int baseOffset = 0)
    {
        _data = data;
        _baseOffset = baseOffset;
        _position = 0;
    }

    /// <summary>Position inside this reader's span.</summary>
    public readonly int Position => _position;

    /// <summary>Position counted from the start of the message (for error reports).</summary>
    public readonly int Offset => _baseOffset + _position;

    public readonly int Remaining => _data.Length - _position;

    public readonly int Length => _data.Length;

    public readonly bool IsAtEnd => _position >= _data.Length;

    public byte ReadUInt8(string field) => Take(1, field)[0];

    public ushort ReadUInt16(string field) => BinaryPrimitives.ReadUInt16BigEndian(Take(2, field));

    public uint ReadUInt32(string field) => BinaryPrimitives.ReadUInt32BigEndian(Take(4, field));

    public int ReadInt32(string field) => BinaryPrimitives.ReadInt32BigEndian(Take(4, field));

    public ulong ReadUInt64(string field) => BinaryPrimitives.ReadUInt64BigEndian(Take(8, field));

    public ReadOnlySpan<byte> ReadBytes(int count, string field) => Take(count, field);

    public EquatableArray<byte> ReadFixed(int count, string field) => Take(count, field).ToArray();

    public Guid ReadUuid(string field) => new(Take(16, field), bigEndian: true);

    /// <summary>A 16-byte address slot; IPv4-mapped addresses come back as IPv4 (reference 9.1).</summary>
    public IPAddress ReadIPv6(string field)
    {
        var address = new IPAddress(Take(16, field));
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    public IPAddress ReadIPv4(string field) => new(Take(4, field));

    public string ReadUtf8(int count, string field)
    {
        var at = Offset;
        var bytes = Take(count, field);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new ProtocolException(field, at, "text is not valid UTF-8");
        }
    }

    public string ReadString16(string field)
    {
        var length = ReadUInt16(field + " length");
        return ReadUtf8(length, field);
    }

    public string ReadString32(string field)
    {
        var at = Offset;
        var length = ReadUInt32(field + " length");
        if (length > (uint)Remaining)
        {
            throw new ProtocolException(field, at, $"length {length} overruns the {Remaining} bytes left");
        }

        return ReadUtf8((int)length, field);
    }

    /// <summary>
    /// Reads a block header (reference 9.2) and returns a reader confined to the block body. The length
    /// must cover its own 8 header bytes and stay inside this reader.
    /// </summary>
    public WireReader ReadBlock(string field, out uint blockType)
    {
        var at = Offset;

        // The field names of the header's two words are made only for the error: a record reads dozens of blocks.
        blockType = ReadUInt32(Remaining >= 4 ? field : field + " block type");
        var length = ReadUInt32(Remaining >= 4 ? field : field + " block length");
        if (length < 8)
        {
            throw new ProtocolException(field, at, $"block length {length} is below the 8-byte block header");
        }

        var bodyLength = length - 8;
        if (bodyLength > (uint)Remaining)
        {
            throw new ProtocolException(field, at, $"block length {length} overruns the record ({Remaining + 8} bytes left)");
        }

        var body = new WireReader(_data.Slice(_position, (int)bodyLength), _baseOffset + _position);
        _position += (int)bodyLength;
        return body;
    }

    /// <summary>Reads a block and checks its type.</summary>
    public WireReader ReadBlock(string field, uint expectedType)
    {
        var at = Offset;
        var body = ReadBlock(field, out var blockType);
        if (blockType != expectedType)
        {
            throw new ProtocolException(field, at, $"block type {blockType}, expected {expectedType}");
        }

        return body;
    }

    /// <summary>
    /// Reads a block whose type must be one of <paramref name="allowed"/>: the layouts a record has. Any other
    /// type is refused with the field "<paramref name="field"/> type".
    /// </summary>
    public WireReader ReadBlock(string field, ReadOnlySpan<uint> allowed, out uint blockType)
    {
        var at = Offset;
        var body = ReadBlock(field, out blockType);
        if (allowed.IndexOf(blockType) < 0)
        {
            throw new ProtocolException(field + " type", at, $"block type {blockType} is not {BlockTypes.Describe(allowed)}");
        }

        return body;
    }

    /// <summary>String block (reference 9.3).</summary>
    public string ReadStringBlock(string field)
    {
        var body = ReadBlock(field, BlockTypes.String);
        return body.ReadUtf8(body.Remaining, field);
    }

    /// <summary>BLOB block (reference 9.4).</summary>
    public EquatableArray<byte> ReadBlobBlock(string field)
    {
        var body = ReadBlock(field, BlockTypes.Blob);
        return body.ReadFixed(body.Remaining, field);
    }

    /// <summary>Skips a list block (reference 9.5) and returns its item count when items are blocks.</summary>
    public int SkipList(string field)
    {
        var body = ReadBlock(field, out _);
        var count = 0;
        while (!body.IsAtEnd)
        {
            body.ReadBlock(field + " item", out _);
            count++;
        }

        return count;
    }

    public ReadOnlySpan<byte> ReadRest() => Take(Remaining, "rest");

    /// <summary>Fails if bytes are left: a layout must account for every byte of its record.</summary>
    public readonly void ExpectEnd(string what)
    {
        if (!IsAtEnd)
        {
            throw new ProtocolException(what, Offset, $"{Remaining} bytes left after the last field");
        }
    }

    /// <summary>
    /// <see cref="ExpectEnd(string)"/> with a name made of parts (<c>$"record {type} body"</c>), which is formatted
    /// only when bytes are left: every record and block decoded ends with this check.
    /// </summary>
    public readonly void ExpectEnd([InterpolatedStringHandlerArgument("")] ref EndCheckName what)
    {
        if (!IsAtEnd)
        {
            ExpectEnd(what.ToStringAndClear());
        }
    }

    /// <summary>The name an <see cref="ExpectEnd(ref EndCheckName)"/> reports, formatted only when the check fails.</summary>
    [InterpolatedStringHandler]
    public ref struct EndCheckName
    {
        private DefaultInterpolatedStringHandler _text;

        public EndCheckName(int literalLength, int formattedCount, WireReader reader, out bool needed)
        {
            needed = !reader.IsAtEnd;
            _text = needed ? new DefaultInterpolatedStringHandler(literalLength, formattedCount, CultureInfo.InvariantCulture) : default;
        }

        public void AppendLiteral(string value) => _text.AppendLiteral(value);

        public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

        public string ToStringAndClear() => _text.ToStringAndClear();
    }

    private ReadOnlySpan<byte> Take(int count, string field)
    {
        if (count < 0 || _data.Length - _position < count)
        {
            throw new ProtocolException(field, Offset, $"needs {count} bytes but only {Remaining} remain (truncated)");
        }

        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }
}

using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EStreamer.Protocol.Framing;

/// <summary>
/// Big-endian writer over a pooled, growable buffer. Blocks and messages are written forward with a
/// length placeholder that is patched when the block ends, so no layout has to be measured twice.
/// A writer is reused across messages with <see cref="Reset"/>; writing fields allocates nothing.
/// </summary>
public sealed class WireWriter : IDisposable
{
    private byte[] _buffer;
    private int _position;

    public WireWriter(int initialCapacity = 512)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
    }

    public int Position => _position;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _position);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _position);

    /// <summary>The written bytes as a segment of the internal array, for APIs that take arrays; valid until the next write.</summary>
    public ArraySegment<byte> WrittenSegment => new(_buffer, 0, _position);

    public void Reset() => _position = 0;

    /// <summary>Drops what was written after <paramref name="position"/> (a position this writer reported).</summary>
    public void Truncate(int position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(position, _position);
        _position = position;
    }

    public byte[] ToArray() => WrittenSpan.ToArray();

    public void WriteUInt8(byte value) => Take(1)[0] = value;

    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Take(2), value);

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Take(4), value);

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32BigEndian(Take(4), value);

    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64BigEndian(Take(8), value);

    public void WriteBytes(ReadOnlySpan<byte> value) => value.CopyTo(Take(value.Length));

    public void WriteZeros(int count) => Take(count).Clear();

    /// <summary>A fixed-size byte field: shorter values are zero-padded, longer ones are refused.</summary>
    public void WriteFixed(EquatableArray<byte> value, int size, string field)
    {
        var bytes = value.AsSpan();
        if (bytes.Length > size)
        {
            throw new ArgumentException($"{field} holds {bytes.Length} bytes; the field is {size} bytes", nameof(value));
        }

        var target = Take(size);
        bytes.CopyTo(target);
        target[bytes.Length..].Clear();
    }

    /// <summary>A UUID in RFC 4122 byte order (reference 9.1); .NET's default order would swap the first fields.</summary>
    public void WriteUuid(Guid value)
    {
        value.TryWriteBytes(Take(16), bigEndian: true, out _);
    }

    /// <summary>A 16-byte address slot; IPv4 travels as IPv4-mapped IPv6 (reference 9.1), null as zeros.</summary>
    public void WriteIPv6(IPAddress? address)
    {
        var target = Take(16);
        if (address is null)
        {
            target.Clear();
        }
        else if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            target[..10].Clear();
            target[10] = 0xFF;
            target[11] = 0xFF;
            address.TryWriteBytes(target[12..], out _);
        }
        else
        {
            address.TryWriteBytes(target, out _);
        }
    }

    /// <summary>A 4-byte IPv4 slot; null or an IPv6 address that is not IPv4-mapped writes zeros.</summary>
    public void WriteIPv4(IPAddress? address)
    {
        var target = Take(4);
        if (address is null)
        {
            target.Clear();
        }
        else if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            address.TryWriteBytes(target, out _);
        }
        else if (address.IsIPv4MappedToIPv6)
        {
            Span<byte> v6 = stackalloc byte[16];
            address.TryWriteBytes(v6, out _);
            v6[12..].CopyTo(target);
        }
        else
        {
            target.Clear();
        }
    }

    /// <summary>UTF-8 text of exactly the encoded length, no terminator.</summary>
    public void WriteUtf8(string value)
    {
        // Room for the longest encoding, then one pass that says how much it wrote: counting the bytes first would
        // read every string twice on the streaming path.
        var room = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_buffer.Length - _position < room)
        {
            Grow(room);
        }

        _position += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_position));
    }

    /// <summary>uint16 length followed by the UTF-8 text (priority, classification, rule message texts).</summary>
    public void WriteString16(string value, string field)
    {
        // Three bytes per UTF-16 unit at most: a text that short fits without counting, a longer one is counted first.
        if (value.Length > ushort.MaxValue / 3 && Encoding.UTF8.GetByteCount(value) is var length && length > ushort.MaxValue)
        {
            throw new ArgumentException($"{field} is {length} bytes; a 16-bit length holds at most {ushort.MaxValue}", nameof(value));
        }

        var at = _position;
        WriteUInt16(0);
        WriteUtf8(value);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(at, 2), (ushort)(_position - at - 2));
    }

    /// <summary>uint32 length followed by the UTF-8 text (the ID–length–name body of reference 9.6).</summary>
    public void WriteString32(string value)
    {
        var at = ReserveUInt32();
        WriteUtf8(value);
        PatchUInt32(at, (uint)(_position - at - 4));
    }

    /// <summary>Reserves a uint32 and returns its position for <see cref="PatchUInt32"/>.</summary>
    public int ReserveUInt32()
    {
        var at = _position;
        WriteUInt32(0);
        return at;
    }

    public void PatchUInt32(int position, uint value) => BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(position, 4), value);

    public void PatchUInt16(int position, ushort value) => BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(position, 2), value);

    /// <summary>Starts a data block (reference 9.2): type, then a length patched by <see cref="EndBlock"/>.</summary>
    public int BeginBlock(uint blockType)
    {
        var start = _position;
        WriteUInt32(blockType);
        WriteUInt32(0);
        return start;
    }

    /// <summary>Ends a block: its length includes the 8 header bytes (reference 9.2).</summary>
    public void EndBlock(int start) => PatchUInt32(start + 4, (uint)(_position - start));

    /// <summary>String block, series-1 type 0 (reference 9.3): length 8 + text bytes.</summary>
    public void WriteStringBlock(string? value)
    {
        var start = BeginBlock(BlockTypes.String);
        WriteUtf8(value ?? string.Empty);
        EndBlock(start);
    }

    /// <summary>BLOB block, series-1 type 10 (reference 9.4).</summary>
    public void WriteBlobBlock(ReadOnlySpan<byte> value)
    {
        var start = BeginBlock(BlockTypes.Blob);
        WriteBytes(value);
        EndBlock(start);
    }

    /// <summary>An empty list block, series-1 type 11, length 8 (reference 9.5).</summary>
    public void WriteEmptyList() => EndBlock(BeginBlock(BlockTypes.List));

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _position = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private Span<byte> Take(int count)
    {
        if (_buffer.Length - _position < count)
        {
            Grow(count);
        }

        var span = _buffer.AsSpan(_position, count);
        _position += count;
        return span;
    }

    private void Grow(int needed)
    {
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _position + needed));
        _buffer.AsSpan(0, _position).CopyTo(next);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = next;
    }
}

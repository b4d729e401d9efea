using System.Globalization;
using System.Net;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Records.Discovery;

namespace EStreamer.Protocol.Records.Layouts;

/// <summary>
/// The one encoder and decoder for every declared layout: it walks the fields in order, writing or reading
/// each by its kind. Nested blocks and list items carry their own 8-byte headers (reference 9.2, 9.5).
/// </summary>
public static class LayoutCodec
{
    /// <summary>List block types a decoder accepts: the guide's "List" (11) and older "Generic List" (31).</summary>
    private static readonly uint[] ListTypes = [BlockTypes.List, 31];

    // What an unset block or header is written as: zeros. Shared, as writing only reads them.
    private static readonly FieldValues NoValues = new();
    private static readonly DiscoveryHeader NoHeader = new();

    public static void Write(WireWriter writer, IReadOnlyList<LayoutField> fields, FieldValues values, string? path)
    {
        // An index, not foreach: enumerating an IReadOnlyList allocates its enumerator, once per block written.
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            values.TryGetValue(field.Name, out var value);
            WriteField(writer, field, value, FieldPaths.Field(path, field.Name));
        }
    }

    public static FieldValues Read(ref WireReader reader, IReadOnlyList<LayoutField> fields, string? path)
    {
        var values = new FieldValues();
        foreach (var field in fields)
        {
            var name = FieldPaths.Field(path, field.Name);
            values.Set(field.Name, ReadField(ref reader, field, name));
        }

        return values;
    }

    private static void WriteField(WireWriter writer, LayoutField field, object? value, string path)
    {
        switch (field.Kind)
        {
            case FieldKind.UInt8:
                writer.WriteUInt8((byte)Integer(field, value, path));
                break;
            case FieldKind.UInt16:
                writer.WriteUInt16((ushort)Integer(field, value, path));
                break;
            case FieldKind.UInt32:
                writer.WriteUInt32((uint)Integer(field, value, path));
                break;
            case FieldKind.UInt64:
                writer.WriteUInt64(Integer(field, value, path));
                break;
            case FieldKind.IPv4:
                writer.WriteIPv4(Expect<IPAddress>(value, path));
                break;
            case FieldKind.IPv6:
                writer.WriteIPv6(Expect<IPAddress>(value, path));
                break;
            case FieldKind.Mac:
                writer.WriteFixed(ByteArray(value, path), 6, path);
                break;
            case FieldKind.Uuid:
                writer.WriteUuid(value is null ? Guid.Empty : Expect<Guid>(value, path));
                break;
            case FieldKind.Bytes:
                writer.WriteFixed(ByteArray(value, path), field.Size, path);
                break;
            case FieldKind.Text16:
                writer.WriteString16(Expect<string>(value, path) ?? string.Empty, path);
                break;
            case FieldKind.Text32:
                writer.WriteString32(Expect<string>(value, path) ?? string.Empty);
                break;
            case FieldKind.StringBlock:
                writer.WriteStringBlock(Expect<string>(value, path));
                break;
            case FieldKind.BlobBlock:
                writer.WriteBlobBlock(ByteArray(value, path).AsSpan());
                break;
            case FieldKind.Block:
                WriteBlock(writer, field.Block!, Expect<FieldValues>(value, path) ?? NoValues, path);
                break;
            case FieldKind.List:
                var list = writer.BeginBlock(BlockTypes.List);
                var items = Expect<IReadOnlyList<FieldValues>>(value, path) ?? [];
                for (var i = 0; i < items.Count; i++)
                {
                    WriteBlock(writer, field.Block!, items[i], FieldPaths.Item(path, i));
                }

                writer.EndBlock(list);
                break;
            case FieldKind.DiscoveryHeader:
                (Expect<DiscoveryHeader>(value, path) ?? NoHeader).Write(writer);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(field), field.Kind, "unknown field kind");
        }
    }

    private static void WriteBlock(WireWriter writer, BlockLayout block, FieldValues values, string path)
    {
        var start = writer.BeginBlock(block.BlockType);
        Write(writer, block.Fields, values, path);
        writer.EndBlock(start);
    }

    private static object ReadField(ref WireReader reader, LayoutField field, string path)
    {
        switch (field.Kind)
        {
            case FieldKind.UInt8:
                return (ulong)reader.ReadUInt8(path);
            case FieldKind.UInt16:
                return (ulong)reader.ReadUInt16(path);
            case FieldKind.UInt32:
                return (ulong)reader.ReadUInt32(path);
            case FieldKind.UInt64:
                return reader.ReadUInt64(path);
            case FieldKind.IPv4:
                return reader.ReadIPv4(path);
            case FieldKind.IPv6:
                return reader.ReadIPv6(path);
            case FieldKind.Mac:
                return reader.ReadBytes(6, path).ToArray();
            case FieldKind.Uuid:
                return reader.ReadUuid(path);
            case FieldKind.Bytes:
                return reader.ReadBytes(field.Size, path).ToArray();
            case FieldKind.Text16:
                return reader.ReadString16(path);
            case FieldKind.Text32:
                return reader.ReadString32(path);
            case FieldKind.StringBlock:
                return reader.ReadStringBlock(path);
            case FieldKind.BlobBlock:
                return reader.ReadBlobBlock(path).AsSpan().ToArray();
            case FieldKind.Block:
                return ReadBlock(ref reader, field.Block!, path);
            case FieldKind.List:
                var list = reader.ReadBlock(path, ListTypes, out _);
                var items = new List<FieldValues>();
                while (!list.IsAtEnd)
                {
                    items.Add(ReadBlock(ref list, field.Block!, FieldPaths.Item(path, items.Count)));
                }

                return items;
            case FieldKind.DiscoveryHeader:
                return DiscoveryHeader.Read(ref reader);
            default:
                throw new ArgumentOutOfRangeException(nameof(field), field.Kind, "unknown field kind");
        }
    }

    private static FieldValues ReadBlock(ref WireReader reader, BlockLayout block, string path)
    {
        var body = reader.ReadBlock(path, block.BlockType);
        var values = Read(ref body, block.Fields, path);
        body.ExpectEnd($"{path} (block {block.BlockType})");
        return values;
    }

    private static ulong Integer(LayoutField field, object? value, string path)
    {
        if (value is null)
        {
            return 0;
        }

        ulong number;
        try
        {
            number = value switch
            {
                ulong u => u,
                uint u => u,
                ushort u => u,
                byte u => u,
                int i when i >= 0 => (ulong)i,
                long l when l >= 0 => (ulong)l,
                _ => throw new ArgumentException($"{path} needs a non-negative integer, not {value.GetType().Name} '{value}'"),
            };
        }
        catch (InvalidCastException)
        {
            throw new ArgumentException($"{path} needs a non-negative integer, not '{value}'");
        }

        if (number > field.MaxValue)
        {
            throw new ArgumentOutOfRangeException(
                path, number, string.Create(CultureInfo.InvariantCulture, $"{path} holds at most {field.MaxValue}"));
        }

        return number;
    }

    /// <summary>Bytes given as an array or an equatable array (what scenario values hold), without a copy.</summary>
    private static EquatableArray<byte> ByteArray(object? value, string path) => value switch
    {
        null => EquatableArray<byte>.Empty,
        byte[] bytes => bytes,
        EquatableArray<byte> bytes => bytes,
        _ => throw new ArgumentException($"{path} needs a Byte[], not {value.GetType().Name}"),
    };

    private static T? Expect<T>(object? value, string path) => value switch
    {
        null => default,
        T typed => typed,
        EquatableArray<byte> bytes when typeof(T) == typeof(byte[]) => (T)(object)bytes.AsSpan().ToArray(),
        _ => throw new ArgumentException($"{path} needs a {typeof(T).Name}, not {value.GetType().Name}"),
    };
}

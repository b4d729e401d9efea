using System.Buffers;
using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EStreamer.Protocol.Framing;
using EStreamer.Protocol.Records;
using EStreamer.Protocol.Records.Layouts;

namespace EStreamer.Client;

/// <summary>
/// Writes records as single-line JSON objects (JSON Lines) for people piping `probe` into jq.
/// Every record type is covered without a per-type converter: the public properties of the record are
/// written in declaration order, so a given record always gives the same text.
/// <list type="bullet">
/// <item>IP addresses and UUIDs as strings, byte fields (hashes, MACs, packets) as lowercase hex;</item>
/// <item>enums as their wire numbers, with "recordTypeName" beside the record type;</item>
/// <item>nested values such as the discovery header as objects, lists as arrays.</item>
/// </list>
/// </summary>
public static class RecordJson
{
    // The host profile (record 10) nests lists of blocks of lists: eight levels below the record.
    private const int MaxDepth = 12;

    // The output is a terminal or a pipe, never HTML: escape only what JSON requires, so rule
    // messages and URIs stay readable ("<" and "+" are common in them).
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly ConcurrentDictionary<Type, (string Name, PropertyInfo Property)[]> Layouts = new();

    /// <summary>
    /// An Event Data payload: record type and name, header kind ("standard" or "extended"), archive
    /// timestamp (null without the extended header) and the record's fields under "record". A record the
    /// decoder could not read is passed as an <see cref="OpaqueRecord"/> with <paramref name="decodeError"/>.
    /// </summary>
    public static string Serialize(EventData data, string? decodeError = null) => Write(writer =>
    {
        writer.WriteStartObject();
        WriteRecordType(writer, data.Record.RecordType);
        writer.WriteString("headerKind", data.ExtendedHeader ? "extended" : "standard");
        if (data.ExtendedHeader)
        {
            writer.WriteNumber("archiveTimestamp", data.ArchiveTimestamp);
        }
        else
        {
            writer.WriteNull("archiveTimestamp");
        }

        if (decodeError is not null)
        {
            writer.WriteString("decodeError", decodeError);
        }

        writer.WritePropertyName("record");
        writer.WriteStartObject();
        WriteProperties(writer, data.Record, 1);
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    /// <summary>A record body alone: record type and name, then its fields.</summary>
    public static string Serialize(IRecord record) => Write(writer =>
    {
        writer.WriteStartObject();
        WriteRecordType(writer, record.RecordType);
        WriteProperties(writer, record, 1);
        writer.WriteEndObject();
    });

    private static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            body(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteRecordType(Utf8JsonWriter writer, RecordType recordType)
    {
        writer.WriteNumber("recordType", (uint)recordType);
        if (Enum.IsDefined(recordType))
        {
            writer.WriteString("recordTypeName", recordType.ToString());
        }
        else
        {
            // A type the catalogue has no name for; null rather than the number again, so it can be selected.
            writer.WriteNull("recordTypeName");
        }
    }

    private static void WriteProperties(Utf8JsonWriter writer, object value, int depth)
    {
        // A declared layout: its name, then its fields by their layout names, in layout order.
        if (value is LayoutRecord declared)
        {
            writer.WriteString("layout", declared.Layout.Name);
            WriteFields(writer, declared.Values, depth);
            return;
        }

        foreach (var (name, property) in Layouts.GetOrAdd(value.GetType(), LayoutOf))
        {
            writer.WritePropertyName(name);
            WriteValue(writer, property.GetValue(value), depth);
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, int depth)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case Enum number:
                WriteEnum(writer, number);
                break;
            case byte or sbyte or short or ushort or int or uint or long:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong large:
                writer.WriteNumberValue(large);
                break;
            case float or double or decimal:
                writer.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            case Guid uuid:
                writer.WriteStringValue(uuid);
                break;
            case IPAddress address:
                writer.WriteStringValue(address.ToString());
                break;
            case EquatableArray<byte> bytes:
                writer.WriteStringValue(Convert.ToHexStringLower(bytes.AsSpan()));
                break;
            case byte[] bytes:
                writer.WriteStringValue(Convert.ToHexStringLower(bytes));
                break;
            case DateTime time:
                writer.WriteStringValue(time.ToUniversalTime());
                break;
            case DateTimeOffset time:
                writer.WriteStringValue(time.ToUniversalTime());
                break;
            case FieldValues fields:
                writer.WriteStartObject();
                WriteFields(writer, fields, depth + 1);
                writer.WriteEndObject();
                break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    WriteValue(writer, item, depth + 1);
                }

                writer.WriteEndArray();
                break;
            default:
                if (depth >= MaxDepth)
                {
                    throw new InvalidOperationException($"{value.GetType().Name} nests deeper than {MaxDepth} levels");
                }

                writer.WriteStartObject();
                WriteProperties(writer, value, depth + 1);
                writer.WriteEndObject();
                break;
        }
    }

    private static void WriteFields(Utf8JsonWriter writer, FieldValues fields, int depth)
    {
        foreach (var (name, field) in fields)
        {
            writer.WritePropertyName(name);
            WriteValue(writer, field, depth);
        }
    }

    private static void WriteEnum(Utf8JsonWriter writer, Enum value)
    {
        var underlying = Enum.GetUnderlyingType(value.GetType());
        if (underlying == typeof(ulong) || underlying == typeof(uint) || underlying == typeof(ushort) || underlying == typeof(byte))
        {
            writer.WriteNumberValue(Convert.ToUInt64(value, CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// Public instance properties in declaration order (metadata order, fixed at compile time). The record
    /// type is already in the envelope, and a versioned record's list of supported blocks describes the
    /// type rather than this record.
    /// </summary>
    private static (string Name, PropertyInfo Property)[] LayoutOf(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .Where(p => p.Name is not (nameof(IRecord.RecordType) or nameof(IVersionedRecord.SupportedBlockTypes)))
            .OrderBy(p => p.MetadataToken)
            .Select(p => (JsonNamingPolicy.CamelCase.ConvertName(p.Name), p))
            .ToArray();
}
